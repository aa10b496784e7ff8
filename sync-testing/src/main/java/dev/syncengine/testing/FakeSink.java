package dev.syncengine.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A sink adapter for engine, host and source tests, of type {@code fake} unless told otherwise,
 * with no network behind it. Items live in {@link #items}; every op received is kept in {@link
 * #received} and every op applied in {@link #writes}.
 *
 * <ul>
 *   <li>As the real sink does: slugs are unique and each create's slug is recorded as its create
 *       intent before it is "sent"; a create for a slug that exists is adopted ({@code ADOPTED}),
 *       unless {@link #adoptingBySlug adoptingBySlug(false)}; an upsert whose {@code fieldData}
 *       equals the item's snapshot is {@code UNCHANGED}, unless {@link #reportingUnchanged
 *       reportingUnchanged(false)} (then every write the engine asks for shows in {@link #writes}).
 *   <li>A create for a record that already has an item is also kept in {@link #duplicateCreates}:
 *       one item per record, always.
 *   <li>Settings: the type, the schema, the one token accepted by discovery, the version field that
 *       {@link #writes} and {@link #received} report; hooks: {@link #refuse}, {@link
 *       #failPermanently}, {@link #failRetryably}, {@link #afterWrite}, {@link #untilNextWrite}.
 * </ul>
 *
 * <pre>{@code
 * FakeSink sink = new FakeSink().acceptOnly("webflow.token", "good-token");
 * engineBuilder.sink(sink);
 * // ... sink.itemFor("item-1"), sink.writes, sink.received
 * }</pre>
 *
 * <p>Thread-safe: writes are serialised; settings are meant to be made before the engine starts.
 * Sessions are bound to the connection they were opened for and hold nothing else.
 */
public final class FakeSink implements SinkAdapter {

  /** The default schema: collection {@code col} "things" with {@code name} and {@code slug}. */
  public static final TargetSchema THINGS =
      new TargetSchema(
          "col",
          "things",
          List.of(
              new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
              new TargetField(
                  "2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null)));

  /**
   * One op as the sink received it.
   *
   * @param recordId the source record
   * @param kind {@code upsert} or {@code delete}
   * @param version the value of the {@link #versionField version field} in its {@code fieldData}
   *     (null for a delete)
   */
  public record Received(String recordId, String kind, String version) {}

  /** Items by item id: their last {@code fieldData}. */
  public final Map<String, ObjectNode> items = new ConcurrentHashMap<>();

  /** Item ids by slug. */
  public final Map<String, String> itemBySlug = new ConcurrentHashMap<>();

  /** Applied writes in order: {@code upsert:<record>@<version>} or {@code delete:<record>}. */
  public final List<String> writes = new CopyOnWriteArrayList<>();

  /** Every op received, in order, whatever became of it. */
  public final List<Received> received = new CopyOnWriteArrayList<>();

  /** Records a create was asked for although they already had an item. */
  public final List<String> duplicateCreates = new CopyOnWriteArrayList<>();

  /** Create keys the engine handed back with ops of records that had no item id yet. */
  public final Map<String, String> createKeysSeen = new ConcurrentHashMap<>();

  /** Write calls made. */
  public final AtomicInteger calls = new AtomicInteger();

  /** An error for an op to fail with (null: write it); checked first. */
  public volatile Function<WriteOp, SyncError> refuse = op -> null;

  /** Ops that fail for good ({@code validation_error} on {@code name}). */
  public volatile Predicate<WriteOp> failPermanently = op -> false;

  /** Ops that fail and may be retried ({@code internal_error}). */
  public volatile Predicate<WriteOp> failRetryably = op -> false;

  /** Runs after the writes of a call, before results return: a crash point. */
  public volatile Runnable afterWrite = () -> {};

  /** What a session's {@code untilNextWrite} answers: a rate limiter's wait for its next slot. */
  public volatile Supplier<Duration> untilNextWrite = () -> Duration.ZERO;

  private final Map<String, String> itemByRecord = new HashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String type = "fake";
  private volatile Function<ConnectionConfig, TargetSchema> schema = c -> THINGS;
  private volatile String tokenName;
  private volatile String acceptedToken;
  private volatile boolean adoptBySlug = true;
  private volatile boolean reportUnchanged = true;
  private volatile String versionField = "v";

  /** Serves connections whose target names {@code type} (default {@code fake}). */
  public FakeSink ofType(String type) {
    this.type = Objects.requireNonNull(type, "type");
    return this;
  }

  /** Answers every connection's schema with {@code s} (default {@link #THINGS}). */
  public FakeSink withSchema(TargetSchema s) {
    Objects.requireNonNull(s, "schema");
    return withSchema(c -> s);
  }

  /** Answers each connection's schema with what {@code s} makes of it. */
  public FakeSink withSchema(Function<ConnectionConfig, TargetSchema> s) {
    this.schema = Objects.requireNonNull(s, "schema");
    return this;
  }

  /**
   * Discovery and credential checks accept only {@code token} under the credential {@code name}
   * (compared in constant time) and refuse anything else as {@code unauthorized}. Default: no
   * check.
   */
  public FakeSink acceptOnly(String name, String token) {
    this.tokenName = Objects.requireNonNull(name, "name");
    this.acceptedToken = Objects.requireNonNull(token, "token");
    return this;
  }

  /** Whether a create for a slug that exists adopts its item (default true, as Webflow's sink). */
  public FakeSink adoptingBySlug(boolean on) {
    this.adoptBySlug = on;
    return this;
  }

  /**
   * Whether an upsert equal to the item's snapshot is answered {@code UNCHANGED} (default true).
   */
  public FakeSink reportingUnchanged(boolean on) {
    this.reportUnchanged = on;
    return this;
  }

  /** The {@code fieldData} field {@link #writes} and {@link #received} report (default "v"). */
  public FakeSink versionField(String field) {
    this.versionField = Objects.requireNonNull(field, "field");
    return this;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public SinkSession open(ConnectionConfig c) {
    return new SinkSession() {
      @Override
      public TargetSchema schema() {
        return schema.apply(c);
      }

      @Override
      public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
        return FakeSink.this.write(ops, intents);
      }

      @Override
      public Duration untilNextWrite() {
        return untilNextWrite.get();
      }
    };
  }

  @Override
  public List<NamedRef> containers(ConnectionConfig draft) {
    verifyCredentials(draft);
    return List.of(new NamedRef("site1", "Shop"));
  }

  @Override
  public List<NamedRef> collections(ConnectionConfig draft, String containerId) {
    verifyCredentials(draft);
    TargetSchema s = schema.apply(draft);
    return List.of(new NamedRef(s.collectionId(), s.name()));
  }

  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    if (acceptedToken == null) {
      return;
    }
    String token = draft.credentials().get(tokenName).orElse("");
    if (!MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), acceptedToken.getBytes(StandardCharsets.UTF_8))) {
      throw new SyncException(SyncError.permanent("unauthorized", "the token was refused", null));
    }
  }

  /** The item holding {@code slug}, or null. */
  public ObjectNode itemFor(String slug) {
    String id = itemBySlug.get(slug);
    return id == null ? null : items.get(id);
  }

  /** The items now held, keyed by source record id. */
  public synchronized Map<String, ObjectNode> itemsByRecord() {
    Map<String, ObjectNode> out = new HashMap<>();
    itemByRecord.forEach((record, item) -> out.put(record, items.get(item).deepCopy()));
    return out;
  }

  /** Ops received for one record, in order. */
  public List<Received> receivedFor(String recordId) {
    return received.stream().filter(w -> w.recordId().equals(recordId)).toList();
  }

  private synchronized List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
    calls.incrementAndGet();
    recordIntents(ops, intents);
    List<WriteResult> results = new ArrayList<>();
    for (WriteOp op : ops) {
      results.add(apply(op));
    }
    afterWrite.run();
    return results;
  }

  /** Like the real sink: records each create's key (its slug) before "sending" it. */
  private void recordIntents(List<WriteOp> ops, CreateIntents intents) {
    Map<String, String> keys = new HashMap<>();
    for (WriteOp op : ops) {
      if (op instanceof WriteOp.Upsert u && u.existing() == null) {
        keys.put(op.recordId(), u.fieldData().path("slug").asText());
        if (u.createKey() != null) {
          createKeysSeen.put(op.recordId(), u.createKey());
        }
      }
    }
    if (!keys.isEmpty()) {
      intents.record(keys);
    }
  }

  private WriteResult apply(WriteOp op) {
    boolean upsert = op instanceof WriteOp.Upsert;
    received.add(
        new Received(
            op.recordId(),
            upsert ? "upsert" : "delete",
            upsert ? ((WriteOp.Upsert) op).fieldData().path(versionField).asText() : null));
    SyncError refused = refuse.apply(op);
    if (refused != null) {
      return WriteResult.failed(op.recordId(), refused);
    }
    if (failPermanently.test(op)) {
      return WriteResult.failed(
          op.recordId(), SyncError.permanent("validation_error", "bad item", "name"));
    }
    if (failRetryably.test(op)) {
      return WriteResult.failed(op.recordId(), SyncError.retryable("internal_error", "5xx"));
    }
    return upsert ? upsert((WriteOp.Upsert) op) : delete((WriteOp.Delete) op);
  }

  private WriteResult delete(WriteOp.Delete d) {
    if (d.createKey() != null) {
      createKeysSeen.put(d.recordId(), d.createKey());
    }
    String itemId =
        d.existing() != null
            ? d.existing().itemId()
            : d.createKey() == null ? null : itemBySlug.get(d.createKey());
    ObjectNode gone = itemId == null ? null : items.remove(itemId);
    if (gone != null) {
      itemBySlug.remove(gone.path("slug").asText());
    }
    itemByRecord.remove(d.recordId());
    writes.add("delete:" + d.recordId());
    return new WriteResult(d.recordId(), Outcome.DELETED, itemId, null, null, null, null);
  }

  private WriteResult upsert(WriteOp.Upsert u) {
    if (reportUnchanged && u.existing() != null && u.fieldData().equals(u.existing().snapshot())) {
      return new WriteResult(
          u.recordId(),
          Outcome.UNCHANGED,
          u.existing().itemId(),
          u.fieldData(),
          "live",
          null,
          null);
    }
    String slug = u.fieldData().path("slug").asText();
    String itemId =
        u.existing() != null ? u.existing().itemId() : adoptBySlug ? itemBySlug.get(slug) : null;
    Outcome outcome;
    if (itemId == null) {
      if (itemByRecord.containsKey(u.recordId())) {
        duplicateCreates.add(u.recordId());
      }
      itemId = "item" + ids.incrementAndGet();
      outcome = Outcome.CREATED;
    } else {
      outcome = u.existing() != null ? Outcome.UPDATED : Outcome.ADOPTED;
    }
    items.put(itemId, u.fieldData().deepCopy());
    itemBySlug.put(slug, itemId);
    itemByRecord.put(u.recordId(), itemId);
    writes.add("upsert:" + u.recordId() + "@" + u.fieldData().path(versionField).asText());
    return new WriteResult(u.recordId(), outcome, itemId, u.fieldData(), "live", null, null);
  }
}
