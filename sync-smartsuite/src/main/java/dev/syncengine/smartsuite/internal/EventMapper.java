package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ChangeEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code ListEvents} entries into change events: created/updated → upsert with the event data
 * as payload, deleted → delete; {@code event_id} is the idempotency key; the version is the
 * record's {@code last_updated} when the data carries it, else {@code event_at}. Events of other
 * tables and of unknown kinds are skipped. Stateless.
 */
public final class EventMapper {
  private EventMapper() {}

  public static List<ChangeEvent> map(
      String connectionId, String tableId, List<ObjectNode> events, Instant now) {
    List<ChangeEvent> out = new ArrayList<>(events.size());
    for (ObjectNode e : events) {
      JsonNode red = e.path("record_event_data");
      String recordId = red.path("record_id").asText("");
      String app = red.path("locator").path("application_id").asText("");
      String eventId = e.path("event_id").asText("");
      if (recordId.isEmpty() || eventId.isEmpty() || (!app.isEmpty() && !app.equals(tableId))) {
        continue;
      }
      Instant eventAt = parse(e.path("event_at").asText(""));
      JsonNode data = red.path("data");
      Instant updated = parse(data.path("last_updated").path("on").asText(""));
      Instant version = updated != null ? updated : eventAt != null ? eventAt : now;
      String kind = e.path("kind").asText("");
      switch (kind) {
        case "RECORD_CREATED", "RECORD_UPDATED" ->
            out.add(
                new ChangeEvent(
                    connectionId,
                    recordId,
                    dev.syncengine.core.model.ChangeKind.UPSERT,
                    version,
                    data.isObject() ? data.deepCopy() : null,
                    eventId,
                    now));
        case "RECORD_DELETED" ->
            out.add(
                new ChangeEvent(
                    connectionId,
                    recordId,
                    dev.syncengine.core.model.ChangeKind.DELETE,
                    eventAt != null ? eventAt : version,
                    null,
                    eventId,
                    now));
        default -> {
          // Other kinds (comments, fields) do not change record data.
        }
      }
    }
    return out;
  }

  static Instant parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
