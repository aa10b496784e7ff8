package dev.syncengine.webflow;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.webflow.internal.BatchWriter;
import dev.syncengine.webflow.internal.SiteLocales;
import dev.syncengine.webflow.internal.SlugIndex;
import dev.syncengine.webflow.internal.WriteContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The Webflow {@link SinkAdapter} (type {@value #TYPE}): writes a connection's batch of mapped
 * upserts and deletes to its collection ({@code target = ResourceRef("webflow", siteId,
 * collectionId)}, token from {@link WebflowCredentials#TOKEN}) with bulk calls of up to 100 items,
 * then publishes per the connection's {@link dev.syncengine.core.model.PublishMode}.
 *
 * <ul>
 *   <li>Unchanged items ({@code fieldData} equal to the last snapshot, same state) cost no call; an
 *       unchanged slug is left out of updates.
 *   <li>Never two items for one record: a create whose outcome is unknown is resolved by looking
 *       its slug up and adopting the item if it is ours. "Ours" means it holds every value we sent,
 *       or, when the connection option {@value #OPTION_RECORD_ID_FIELD} names a collection field,
 *       that the field holds the source record id (the sink then fills it on every write).
 *   <li>Never two items after a crash either: before a create is sent its slug is recorded as the
 *       record's create intent ({@link CreateIntents}); a later write of the record finds the item
 *       by that slug and adopts it, even when the record's name or slug changed meanwhile.
 *   <li>Taken slugs are known before writing: the sink keeps an index of each collection's slugs
 *       (listed once, 100 items a request, then kept current from its own writes), so a taken slug
 *       costs no request: it is adopted when the item is ours, else the first free of {@code -2},
 *       {@code -3}, ... up to {@link Builder#maxSlugAttempts} is sent. A 400 for a slug taken
 *       behind the sink's back refreshes that slug and the write goes on. One bad item never sinks
 *       its batch. An item deleted in Webflow is created again ({@code RECREATED}).
 *   <li>Secondary locales: an upsert whose fieldData carries {@link
 *       dev.syncengine.core.model.LocaleFields#KEY} is written to the item's variants in those
 *       locales too (created across locales, updated in the same request as the item, deleted,
 *       unpublished, archived and published in every locale); see {@code docs/mapping.md},
 *       "Secondary locales". The schema lists the site's locales ({@code GET /sites/{site_id}}).
 * </ul>
 *
 * <pre>{@code
 * SinkAdapter sink = WebflowSink.builder().client(c -> c.rateLimitPerMinute(120)).build();
 * List<WriteResult> results = sink.write(connection, ops);
 * }</pre>
 *
 * <p>Thread-safe. It keeps one {@link WebflowClient} per token; all share the token's rate limiter.
 */
public final class WebflowSink implements SinkAdapter {
  public static final String TYPE = "webflow";

  /** Connection option: a collection field the sink fills with the source record id. */
  public static final String OPTION_RECORD_ID_FIELD = "webflow.recordIdField";

  public static final int DEFAULT_MAX_SLUG_ATTEMPTS = 10;

  private final Function<WebflowClient.Builder, WebflowClient.Builder> clientSettings;
  private final int maxSlugAttempts;
  private final OkHttpClient sharedHttp = new OkHttpClient();
  private final ConcurrentMap<String, WebflowClient> clients = new ConcurrentHashMap<>();
  // per collection (and marker field): the slugs taken there, shared by all writes to it
  private final ConcurrentMap<String, SlugIndex> slugIndexes = new ConcurrentHashMap<>();
  // per site: its locales, for mappings that write secondary locales
  private final SiteLocales siteLocales = new SiteLocales();

  private WebflowSink(Builder b) {
    this.clientSettings = b.clientSettings;
    this.maxSlugAttempts = b.maxSlugAttempts;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Reads the collection's schema, with the site's locales (none when the connection's target names
   * no site or the token may not read it).
   *
   * @throws SyncException when Webflow refuses or cannot be reached
   */
  @Override
  public TargetSchema schema(ConnectionConfig connection) {
    ResourceRef target = target(connection);
    try {
      WebflowClient client = client(connection);
      return client
          .getCollection(target.id())
          .toTargetSchema()
          .withLocales(siteLocales.forSchema(client, target.parentId()));
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  /** The sites the draft's token can see. */
  @Override
  public List<dev.syncengine.core.model.NamedRef> containers(ConnectionConfig draft) {
    try {
      return client(draft).listSites().stream()
          .map(s -> new dev.syncengine.core.model.NamedRef(s.id(), s.displayName()))
          .toList();
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  /** The CMS collections of one site. */
  @Override
  public List<dev.syncengine.core.model.NamedRef> collections(
      ConnectionConfig draft, String siteId) {
    try {
      return client(draft).listCollections(siteId).stream()
          .map(c -> new dev.syncengine.core.model.NamedRef(c.id(), c.displayName()))
          .toList();
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  /** One authenticated call: listing the token's sites. */
  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    containers(draft);
  }

  /**
   * Writes the batch; one result per op, in the ops' order.
   *
   * @throws SyncException when the whole batch failed: unauthorized, collection gone, Webflow
   *     unreachable, or no token configured
   */
  @Override
  public List<WriteResult> write(ConnectionConfig connection, List<WriteOp> ops) {
    return write(connection, ops, CreateIntents.NONE);
  }

  /**
   * Writes the batch, recording each create's slug through {@code intents} before the create is
   * sent; an upsert's {@link WriteOp.Upsert#createKey()} is such a slug from an earlier, never
   * confirmed create: the item holding it, unless another record's mapping names it (or, with
   * {@value #OPTION_RECORD_ID_FIELD}, unless its marker says otherwise), is adopted and brought to
   * the new values. One result per op, in the ops' order.
   *
   * @throws SyncException when the whole batch failed
   */
  @Override
  public List<WriteResult> write(
      ConnectionConfig connection, List<WriteOp> ops, CreateIntents intents) {
    target(connection);
    if (ops.isEmpty()) {
      return List.of();
    }
    WebflowClient client = client(connection);
    String marker = connection.option(OPTION_RECORD_ID_FIELD, null);
    SlugIndex slugs =
        slugIndexes.computeIfAbsent(
            connection.target().id() + "\n" + (marker == null ? "" : marker),
            k -> new SlugIndex(marker));
    WriteContext ctx =
        new WriteContext(client, connection, marker, maxSlugAttempts, slugs, intents, siteLocales);
    try {
      return new BatchWriter(ctx).write(ops);
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  /**
   * How long the next write for this connection would wait for its token's rate limiter: zero while
   * a request slot is free (or no token is configured, so the write fails fast).
   */
  @Override
  public java.time.Duration untilNextWrite(ConnectionConfig connection) {
    if (connection.credentials().get(WebflowCredentials.TOKEN).isEmpty()) {
      return java.time.Duration.ZERO;
    }
    return client(connection).untilNextRequest();
  }

  private static ResourceRef target(ConnectionConfig connection) {
    ResourceRef t = connection.target();
    if (!TYPE.equals(t.type())) {
      throw new IllegalArgumentException("not a webflow target: " + t.type());
    }
    return t;
  }

  private WebflowClient client(ConnectionConfig connection) {
    String token;
    try {
      token = connection.credentials().require(WebflowCredentials.TOKEN);
    } catch (MissingCredentialException e) {
      throw new SyncException(
          SyncError.permanent(
              MissingCredentialException.ERROR_CODE, e.getMessage(), e.credential()));
    }
    return clients.computeIfAbsent(digest(token), k -> newClient(token));
  }

  private WebflowClient newClient(String token) {
    return clientSettings
        .apply(WebflowClient.builder().okHttpClient(sharedHttp))
        .token(token)
        .build();
  }

  private static SyncError syncError(WebflowException e) {
    return new SyncError(
        e.code(),
        e.getMessage(),
        null,
        e.retryable(),
        e instanceof WebflowRateLimitedException rl ? rl.retryAfter() : null,
        null);
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "WebflowSink";
  }

  /** Mutable, not thread-safe; {@link #build()} takes the settings as they are then. */
  public static final class Builder {
    private Function<WebflowClient.Builder, WebflowClient.Builder> clientSettings =
        Function.identity();
    private int maxSlugAttempts = DEFAULT_MAX_SLUG_ATTEMPTS;

    private Builder() {}

    /**
     * Settings for every {@link WebflowClient} this sink creates (base URL, timeouts, rate limit,
     * retries, an OkHttp client to derive from); the token comes from each connection's
     * credentials. Without an OkHttp client of yours, the sink's clients share one.
     *
     * <pre>{@code
     * .client(c -> c.baseUrl(sim.baseUrl()).rateLimitPerMinute(120))
     * }</pre>
     */
    public Builder client(Function<WebflowClient.Builder, WebflowClient.Builder> settings) {
      this.clientSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Suffixes ({@code -2}, {@code -3}, ...) to try for a taken slug; default 10. */
    public Builder maxSlugAttempts(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("maxSlugAttempts must be >= 0");
      }
      this.maxSlugAttempts = attempts;
      return this;
    }

    /**
     * Builds the sink; the client settings are applied once here, so a bad one fails now.
     *
     * @throws IllegalArgumentException for an invalid setting
     */
    public WebflowSink build() {
      WebflowSink sink = new WebflowSink(this);
      sink.newClient("validation-only");
      return sink;
    }
  }
}
