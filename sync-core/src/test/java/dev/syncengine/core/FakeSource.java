package dev.syncengine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.signing.SignatureException;
import dev.syncengine.core.signing.WebhookVerifier;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source for core tests. Deliveries are signed JSON: {@code {"events":[{"id","record","kind",
 * "version","data"}]}} where data is the whole record. Records "at the source" live in a map for
 * fetches and backfills.
 */
final class FakeSource implements SourceAdapter {
  static final ObjectMapper JSON = new ObjectMapper();
  final Map<String, ObjectNode> records = new ConcurrentHashMap<>();

  /** Pull keys {@link #catchUp} answers with (none by default). */
  /** Runs at the start of every {@link #pull}: a test can hold a pull in flight. */
  volatile Runnable onPull = () -> {};

  /** Pull keys {@link #pull} was called with. */
  final List<String> pulled = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Runs before each {@link #list} page: a crash point. */
  volatile Runnable beforeList = () -> {};

  final List<String> catchUpKeys = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Clock clock;

  FakeSource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public List<ChangeEvent> catchUp(ConnectionConfig c, Instant now) {
    return catchUpKeys.stream()
        .map(k -> new ChangeEvent(c.id(), k, ChangeKind.PULL, now, null, null, now))
        .toList();
  }

  @Override
  public List<ChangeEvent> parse(ConnectionConfig c, dev.syncengine.core.IngestRequest request)
      throws IngressException {
    List<String> secrets =
        Arrays.asList(c.credentials().require(Credentials.SIGNING_SECRETS).split(","));
    try {
      WebhookVerifier.of(secrets, clock).verify(request);
    } catch (SignatureException e) {
      throw IngressException.unauthorized(e.getMessage());
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw IngressException.malformed("body is not JSON", null);
    }
    if (body == null || !body.path("events").isArray()) {
      throw IngressException.malformed("events must be an array", "events");
    }
    List<ChangeEvent> out = new ArrayList<>();
    for (JsonNode e : body.get("events")) {
      if (!e.path("record").isTextual() || !e.path("version").canConvertToLong()) {
        throw IngressException.malformed("each event needs record and version", "events");
      }
      ChangeKind kind = ChangeKind.valueOf(e.path("kind").asText("UPSERT"));
      out.add(
          new ChangeEvent(
              c.id(),
              e.get("record").asText(),
              kind,
              Instant.ofEpochMilli(e.get("version").asLong()),
              e.get("data"),
              e.path("id").asText(null),
              clock.instant()));
    }
    return out;
  }

  @Override
  public PullPage pull(ConnectionConfig c, String pullKey, String cursor) {
    onPull.run();
    pulled.add(pullKey);
    return new PullPage(List.of(), cursor, false);
  }

  @Override
  public Map<String, SourceRecord> resolve(ConnectionConfig c, List<PendingChange> changes) {
    Map<String, SourceRecord> out = new HashMap<>();
    for (PendingChange p : changes) {
      JsonNode data = p.payload() != null ? p.payload() : records.get(p.recordId());
      if (data != null) {
        out.put(p.recordId(), new SourceRecord(p.recordId(), p.version(), (ObjectNode) data));
      }
    }
    return out;
  }

  @Override
  public RecordPage list(ConnectionConfig c, String cursor, int limit, Instant updatedSince) {
    beforeList.run();
    List<String> ids = records.keySet().stream().sorted().toList();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    List<SourceRecord> page = new ArrayList<>();
    for (int i = from; i < Math.min(ids.size(), from + limit); i++) {
      ObjectNode r = records.get(ids.get(i));
      page.add(new SourceRecord(ids.get(i), Instant.ofEpochMilli(r.path("v").asLong()), r));
    }
    int next = from + page.size();
    return new RecordPage(page, next >= ids.size() ? null : String.valueOf(next), ids.size());
  }

  @Override
  public SourceSchema schema(ConnectionConfig c) {
    return new SourceSchema(
        "t1",
        "things",
        "name",
        List.of(new SourceField("name", "Name", "textfield", SourceKind.TEXT, null)));
  }
}
