package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.LogEntry;

/**
 * One conflict log entry as the admin API shows it: the policy, and per field the winner, the value
 * kept and the value lost. The entry's detail is written by the reverse worker; a piece it lacks is
 * shown as null rather than refused, so an older or partial entry still lists. Stateless.
 */
final class ConflictJson {
  private ConflictJson() {}

  static ObjectNode of(LogEntry e) {
    JsonNode d = e.detail() == null ? Json.MAPPER.createObjectNode() : e.detail();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("at", e.at().toString());
    o.put("recordId", e.recordId());
    o.put("itemId", e.itemId());
    // reverse entries carry minus the target change's id as their job id
    long changeId = d.path("changeId").canConvertToLong() ? d.get("changeId").asLong() : -e.jobId();
    if (changeId > 0) {
      o.put("changeId", changeId);
    } else {
      o.putNull("changeId");
    }
    o.put("policy", policy(text(d, "policy")));
    o.put("sourceVersion", text(d, "sourceVersion"));
    o.put("targetVersion", text(d, "targetVersion"));
    o.put("message", e.message());
    ArrayNode fields = o.putArray("fields");
    for (JsonNode f : d.path("fields")) {
      ObjectNode x = fields.addObject();
      x.put("field", text(f, "field"));
      x.put("winner", text(f, "winner"));
      x.set("kept", f.has("kept") ? f.get("kept") : null);
      x.set("lost", f.has("lost") ? f.get("lost") : null);
    }
    return o;
  }

  /** The policy as the option names it: the worker logs the parsed policy (source, target). */
  private static String policy(String logged) {
    if (logged == null) {
      return null;
    }
    return switch (logged) {
      case "source" -> "smartsuite";
      case "target" -> "webflow";
      default -> logged;
    };
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
  }
}
