package dev.syncengine.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.signing.SignatureException;
import dev.syncengine.core.signing.WebhookVerifier;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A source for servlet tests. Deliveries are Standard Webhooks-signed JSON {@code {"events":[{"id",
 * "record","kind","version","data"}]}}; when the URL carries a token it must equal the connection's
 * webhook token. Records "at the source" live in a map. The API key {@value #GOOD_KEY} is the only
 * one accepted.
 */
final class TestSource implements SourceAdapter {
  /** The credential the fake source checks (the name the dashboard's wizard sends). */
  static final String API_KEY = "smartsuite.apiKey";

  static final ObjectMapper JSON = new ObjectMapper();
  static final String GOOD_KEY = "ss-key-correct-0123456789";
  final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
  final List<String> subscribedUrls = new CopyOnWriteArrayList<>();

  /** When set, {@link #subscribe} throws it (SmartSuite refusing a registration). */
  volatile RuntimeException subscribeFailure;

  private final Clock clock;

  TestSource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public List<NamedRef> containers(ConnectionConfig draft) {
    verifyCredentials(draft);
    return List.of(new NamedRef("sol1", "Catalogue"));
  }

  @Override
  public List<NamedRef> collections(ConnectionConfig draft, String containerId) {
    verifyCredentials(draft);
    return containerId.equals("sol1") ? List.of(new NamedRef("tbl1", "Products")) : List.of();
  }

  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    String key = draft.credentials().get(API_KEY).orElse("");
    if (!MessageDigest.isEqual(
        key.getBytes(StandardCharsets.UTF_8), GOOD_KEY.getBytes(StandardCharsets.UTF_8))) {
      throw new SyncException(SyncError.permanent("unauthorized", "the API key was refused", null));
    }
  }

  @Override
  public List<ChangeEvent> parse(ConnectionConfig c, IngestRequest request)
      throws IngressException {
    if (request.pathToken() != null
        && !request.pathToken().equals(c.credentials().get(Credentials.WEBHOOK_TOKEN).orElse(""))) {
      throw IngressException.unauthorized("token mismatch");
    }
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
      out.add(
          new ChangeEvent(
              c.id(),
              e.get("record").asText(),
              ChangeKind.valueOf(e.path("kind").asText("UPSERT")),
              Instant.ofEpochMilli(e.get("version").asLong()),
              e.get("data"),
              e.path("id").asText(null),
              clock.instant()));
    }
    return out;
  }

  @Override
  public PullPage pull(ConnectionConfig c, String pullKey, String cursor) {
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
    List<String> ids = records.keySet().stream().sorted().toList();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    List<SourceRecord> page = new ArrayList<>();
    for (int i = from; i < Math.min(ids.size(), from + limit); i++) {
      ObjectNode r = records.get(ids.get(i));
      page.add(new SourceRecord(ids.get(i), Instant.ofEpochMilli(r.path("v").asLong(1)), r));
    }
    int next = from + page.size();
    return new RecordPage(page, next >= ids.size() ? null : String.valueOf(next), ids.size());
  }

  @Override
  public SourceSchema schema(ConnectionConfig c) {
    return new SourceSchema(
        "tbl1",
        "Products",
        "title",
        List.of(
            new SourceField("title", "Title", "textfield", SourceKind.TEXT, null),
            new SourceField("price", "Price", "numberfield", SourceKind.NUMBER, null)));
  }

  @Override
  public Map<String, String> subscribe(ConnectionConfig connection, String notificationUrl) {
    subscribedUrls.add(notificationUrl);
    if (subscribeFailure != null) {
      throw subscribeFailure;
    }
    return Map.of("webhookId", "wh-1");
  }

  @Override
  public Map<String, String> maintain(ConnectionConfig connection) {
    return Map.of("expires_at", "2099-01-01T00:00:00Z");
  }
}
