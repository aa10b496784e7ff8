package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.model.SourceRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as the rules read it: values by slug, and, built once on first use, the JSONata input
 * object where each field is reachable by slug and by label. Not thread-safe: one per mapping call.
 */
public final class RecordView {
  private final SourceRecord record;
  private final Map<String, String> aliases;
  private Map<String, Object> jsonataInput;

  public RecordView(SourceRecord record, Map<String, String> aliases) {
    this.record = record;
    this.aliases = aliases;
  }

  public SourceRecord record() {
    return record;
  }

  /** The value under a slug; {@code id} falls back to the record id. Never null. */
  public JsonNode get(String slug) {
    JsonNode v = record.values() == null ? null : record.values().get(slug);
    if (v == null && "id".equals(slug) && record.id() != null) {
      return Values.JSON.textNode(record.id());
    }
    return v == null ? MissingNode.getInstance() : v;
  }

  /** The input object for JSONata: every value by slug, then by label where unambiguous. */
  public Map<String, Object> jsonataInput() {
    if (jsonataInput == null) {
      Map<String, Object> in = new LinkedHashMap<>();
      if (record.values() != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = record.values().fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          in.put(e.getKey(), JavaJson.toJava(e.getValue()));
        }
      }
      if (!in.containsKey("id") && record.id() != null) {
        in.put("id", record.id());
      }
      for (Map.Entry<String, String> a : aliases.entrySet()) {
        Object v = in.get(a.getValue());
        if (v != null) {
          in.putIfAbsent(a.getKey(), v);
        }
      }
      jsonataInput = in;
    }
    return jsonataInput;
  }
}
