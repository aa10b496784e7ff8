package dev.syncengine.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generator of source changes that remembers the newest version of each record: revision {@code
 * n} of record {@code p00042} has title {@code "Product 42 rev n"}, price {@code 42 + n}, and
 * version {@code BASE + n} ms. Not thread-safe.
 */
final class Changes {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long BASE = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
  final Map<String, Webflow.Expected> newest = new LinkedHashMap<>();
  private final Map<String, Integer> revs = new LinkedHashMap<>();
  private final String connectionId;
  private long eventSeq;

  Changes(String connectionId) {
    this.connectionId = connectionId;
  }

  static String id(int n) {
    return String.format("p%05d", n);
  }

  /** The next revision of record {@code n}, as the JSON event the push source accepts. */
  ObjectNode next(int n) {
    String id = id(n);
    int rev = revs.merge(id, 1, Integer::sum);
    ObjectNode e = JSON.createObjectNode();
    e.put("id", "evt-" + (++eventSeq) + "-" + id);
    e.put("record", id);
    e.put("kind", "UPSERT");
    e.put("version", BASE + rev);
    ObjectNode data = e.putObject("data");
    data.put("title", "Product " + n + " rev " + rev);
    data.put("price", n + rev);
    data.put("rev", rev);
    return e;
  }

  /** Marks an event as acknowledged by ingress: it now defines the record's newest state. */
  void acknowledged(ObjectNode e) {
    String id = e.get("record").asText();
    Webflow.Expected x =
        new Webflow.Expected(
            e.path("data").path("title").asText(),
            e.path("data").path("price").asLong(),
            e.path("data").path("rev").asLong());
    Webflow.Expected old = newest.get(id);
    if (old == null || old.rev() < x.rev()) {
      newest.put(id, x);
    }
  }

  /** The next revision of each record, as change events for {@code JobStore.enqueue}. */
  List<ChangeEvent> nextEvents(int fromInclusive, int toExclusive) {
    List<ChangeEvent> out = new ArrayList<>();
    for (int n = fromInclusive; n < toExclusive; n++) {
      ObjectNode e = next(n);
      acknowledged(e);
      out.add(
          ChangeEvent.upsert(
              connectionId,
              e.get("record").asText(),
              Instant.ofEpochMilli(e.get("version").asLong()),
              e.get("data"),
              e.get("id").asText()));
    }
    return out;
  }

  /** A webhook body carrying these events. */
  static String body(List<ObjectNode> events) {
    ObjectNode b = JSON.createObjectNode();
    ArrayNode arr = b.putArray("events");
    events.forEach(arr::add);
    return b.toString();
  }
}
