package dev.syncengine.testing;

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
import dev.syncengine.core.spi.SourceSession;
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
 * A source adapter for engine and host tests, of type {@code fake}, with no network behind it.
 *
 * <ul>
 *   <li>Deliveries are Standard Webhooks-signed JSON {@code {"events":[{"id","record","kind",
 *       "version","data"}]}} (the connection's {@link Credentials#SIGNING_SECRETS}); when the URL
 *       carries a token it must equal the connection's {@link Credentials#WEBHOOK_TOKEN}.
 *   <li>Records "at the source" live in {@link #records} (version from their {@code "v"} field, in
 *       epoch millis) for fetches, backfills and reconciles.
 *   <li>Settings: the schema, the one API key accepted, the answers of {@code subscribe} and {@code
 *       maintain}; hooks: {@link #onPull}, {@link #beforeList}, {@link #catchUpKeys}, {@link
 *       #subscribeFailure}.
 * </ul>
 *
 * <pre>{@code
 * FakeSource source = new FakeSource(clock).acceptOnly("fake.apiKey", "good-key");
 * source.records.put("r1", record);
 * }</pre>
 *
 * <p>{@link #open} binds the methods that take a connection to it; tests may call those directly.
 * Thread-safe; settings are meant to be made before the engine starts.
 */
public final class FakeSource implements SourceAdapter {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** The default schema: table {@code t1} "things", one text field {@code name}, the title. */
  public static final SourceSchema THINGS =
      new SourceSchema(
          "t1",
          "things",
          "name",
          List.of(new SourceField("name", "Name", "textfield", SourceKind.TEXT, null)));

  /** Records at the source, by id. */
  public final Map<String, ObjectNode> records = new ConcurrentHashMap<>();

  /** Pull keys {@link #pull} was called with. */
  public final List<String> pulled = new CopyOnWriteArrayList<>();

  /** Pull keys {@link #catchUp} answers with (none by default). */
  public final List<String> catchUpKeys = new CopyOnWriteArrayList<>();

  /** Notification URLs {@link #subscribe} was called with. */
  public final List<String> subscribedUrls = new CopyOnWriteArrayList<>();

  /** Runs at the start of every {@link #pull}: a test can hold a pull in flight. */
  public volatile Runnable onPull = () -> {};

  /** Runs before each {@link #list} page: a crash point. */
  public volatile Runnable beforeList = () -> {};

  /** When set, {@link #subscribe} throws it (the source refusing a registration). */
  public volatile RuntimeException subscribeFailure;

  private final Clock clock;
  private volatile SourceSchema schema = THINGS;
  private volatile String keyName;
  private volatile String acceptedKey;
  private volatile Map<String, String> subscribeAnswer = Map.of();
  private volatile Map<String, String> maintainAnswer = Map.of();

  public FakeSource(Clock clock) {
    this.clock = clock;
  }

  /** Answers {@link #schema} with {@code s} (default {@link #THINGS}). */
  public FakeSource withSchema(SourceSchema s) {
    this.schema = s;
    return this;
  }

  /**
   * Discovery and credential checks accept only {@code key} under the credential {@code name}
   * (compared in constant time) and refuse anything else as {@code unauthorized}. Default: no
   * check.
   */
  public FakeSource acceptOnly(String name, String key) {
    this.keyName = name;
    this.acceptedKey = key;
    return this;
  }

  /** What {@link #subscribe} and {@link #maintain} return (default: nothing to persist). */
  public FakeSource answering(Map<String, String> subscribe, Map<String, String> maintain) {
    this.subscribeAnswer = Map.copyOf(subscribe);
    this.maintainAnswer = Map.copyOf(maintain);
    return this;
  }

  @Override
  public String type() {
    return "fake";
  }

  /** A session of {@code c}: the methods below, bound to it. */
  @Override
  public SourceSession open(ConnectionConfig c) {
    return new SourceSession() {
      @Override
      public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
        return FakeSource.this.parse(c, request);
      }

      @Override
      public PullPage pull(String pullKey, String cursor) {
        return FakeSource.this.pull(c, pullKey, cursor);
      }

      @Override
      public Map<String, SourceRecord> resolve(List<PendingChange> changes) {
        return FakeSource.this.resolve(c, changes);
      }

      @Override
      public RecordPage list(String cursor, int limit, Instant updatedSince) {
        return FakeSource.this.list(c, cursor, limit, updatedSince);
      }

      @Override
      public SourceSchema schema() {
        return FakeSource.this.schema(c);
      }

      @Override
      public Map<String, String> subscribe(String notificationUrl) {
        return FakeSource.this.subscribe(c, notificationUrl);
      }

      @Override
      public Map<String, String> maintain() {
        return FakeSource.this.maintain(c);
      }

      @Override
      public List<ChangeEvent> catchUp(Instant now) {
        return FakeSource.this.catchUp(c, now);
      }
    };
  }

  @Override
  public List<NamedRef> containers(ConnectionConfig draft) {
    verifyCredentials(draft);
    return List.of(new NamedRef("sol1", "Catalogue"));
  }

  @Override
  public List<NamedRef> collections(ConnectionConfig draft, String containerId) {
    verifyCredentials(draft);
    return containerId.equals("sol1")
        ? List.of(new NamedRef(schema.tableId(), schema.name()))
        : List.of();
  }

  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    if (acceptedKey == null) {
      return;
    }
    String key = draft.credentials().get(keyName).orElse("");
    if (!MessageDigest.isEqual(
        key.getBytes(StandardCharsets.UTF_8), acceptedKey.getBytes(StandardCharsets.UTF_8))) {
      throw new SyncException(SyncError.permanent("unauthorized", "the API key was refused", null));
    }
  }

  public List<ChangeEvent> catchUp(ConnectionConfig c, Instant now) {
    return catchUpKeys.stream()
        .map(k -> new ChangeEvent(c.id(), k, ChangeKind.PULL, now, null, null, now))
        .toList();
  }

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

  public PullPage pull(ConnectionConfig c, String pullKey, String cursor) {
    onPull.run();
    pulled.add(pullKey);
    return new PullPage(List.of(), cursor, false);
  }

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

  public RecordPage list(ConnectionConfig c, String cursor, int limit, Instant updatedSince) {
    beforeList.run();
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

  public SourceSchema schema(ConnectionConfig c) {
    return schema;
  }

  public Map<String, String> subscribe(ConnectionConfig connection, String notificationUrl) {
    subscribedUrls.add(notificationUrl);
    if (subscribeFailure != null) {
      throw subscribeFailure;
    }
    return subscribeAnswer;
  }

  public Map<String, String> maintain(ConnectionConfig connection) {
    return maintainAnswer;
  }
}
