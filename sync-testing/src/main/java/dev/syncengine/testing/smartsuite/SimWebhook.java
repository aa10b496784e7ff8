package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A registered webhook with its event log. Guarded by the simulator's lock. */
final class SimWebhook {
  static final Duration KEEPALIVE = Duration.ofDays(7);

  final String id;
  ObjectNode definition;
  boolean enabled = true;
  Instant lastListedAt;
  final Instant createdAt;
  Instant updatedAt;
  final List<ObjectNode> events = new ArrayList<>();

  SimWebhook(String id, ObjectNode definition, Instant now) {
    this.id = id;
    this.definition = definition;
    this.lastListedAt = now;
    this.createdAt = now;
    this.updatedAt = now;
  }

  String url() {
    return definition.path("notification_status").path("enabled").path("url").asText(null);
  }

  boolean matches(SimTable table, String kind) {
    JsonNode kinds = definition.path("kinds");
    if (kinds.isArray() && kinds.size() > 0) {
      boolean found = false;
      for (JsonNode k : kinds) {
        found |= k.asText().equals(kind);
      }
      if (!found) {
        return false;
      }
    }
    JsonNode filter = definition.path("filter");
    if (filter.has("applications")) {
      for (JsonNode id : filter.path("applications").path("application_ids")) {
        if (id.asText().equals(table.id)) {
          return true;
        }
      }
      return false;
    }
    if (filter.has("application")) {
      return filter.path("application").path("application_id").asText().equals(table.id);
    }
    String solution = definition.path("locator").path("solution_id").asText(null);
    return solution == null || solution.equals(table.solutionId);
  }

  ObjectNode toJson() {
    ObjectNode n = definition.deepCopy();
    n.put("webhook_id", id);
    // get-webhook: created_at / updated_at objects are {by: user name, at: ISO date}
    n.putObject("created_at").put("by", "sim-member").put("at", createdAt.toString());
    n.putObject("updated_at").put("by", "sim-member").put("at", updatedAt.toString());
    ObjectNode status = n.putObject("system_status");
    if (enabled) {
      status.putObject("enabled").put("expires_at", lastListedAt.plus(KEEPALIVE).toString());
    } else {
      status.putObject("disabled").put("reason", "DISABLED_BY_SYSTEM");
    }
    return n;
  }
}
