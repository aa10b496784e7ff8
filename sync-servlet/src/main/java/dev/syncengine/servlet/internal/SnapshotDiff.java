package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.FileValues;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * Field-by-field difference between two written {@code fieldData} snapshots. File fields compare by
 * the files' source identity ({@link FileValues}), as the sink does, not by their signed URLs.
 */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  /**
   * One entry per field that differs: {@code {field, change: added|removed|changed, before,
   * after}}, in field order.
   */
  public static ArrayNode diff(ObjectNode before, ObjectNode after) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    TreeSet<String> fields = new TreeSet<>();
    names(before, fields);
    names(after, fields);
    for (String f : fields) {
      JsonNode b = before == null ? null : before.get(f);
      JsonNode a = after == null ? null : after.get(f);
      String change;
      if (b == null && a != null) {
        change = "added";
      } else if (b != null && a == null) {
        change = "removed";
      } else if (b != null && !b.equals(a) && !sameFiles(b, a)) {
        change = "changed";
      } else {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("field", f);
      o.put("change", change);
      o.set("before", b);
      o.set("after", a);
    }
    return out;
  }

  /** The same stored files under other (signed) URLs are no change: nothing was sent for them. */
  private static boolean sameFiles(JsonNode b, JsonNode a) {
    return FileValues.hasIdentity(b) && FileValues.hasIdentity(a) && FileValues.sameFiles(b, a);
  }

  private static void names(ObjectNode n, TreeSet<String> into) {
    if (n == null) {
      return;
    }
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(into::add);
  }
}
