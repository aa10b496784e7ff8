package dev.syncengine.webflow;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetProvisioning;
import dev.syncengine.core.spi.TargetWebhooks;
import dev.syncengine.webflow.internal.CollectionProvisioner;
import dev.syncengine.webflow.internal.DeliveryParser;
import dev.syncengine.webflow.internal.SchemaClient;
import dev.syncengine.webflow.internal.SiteLocales;
import dev.syncengine.webflow.internal.SitePublisher;
import dev.syncengine.webflow.internal.SlugIndex;
import dev.syncengine.webflow.internal.WebhookRegistrar;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The Webflow {@link SinkAdapter} (type {@value #TYPE}): writes a connection's batch of mapped
 * upserts and deletes to its collection ({@code target = ResourceRef("webflow", siteId,
 * collectionId)}, token from {@link WebflowCredentials#TOKEN}) with bulk calls of up to 100 items,
 * then publishes per the connection's {@link dev.syncengine.core.model.PublishMode}, and the whole
 * site at most once a minute when the connection asks for it ({@link WebflowSitePublish}).
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
 * List<WriteResult> results = sink.open(connection).write(ops, CreateIntents.NONE);
 * }</pre>
 *
 * <p>Thread-safe. The client settings are applied once, in {@link Builder#build()}; each session
 * derives its client from them with the connection's token, and the clients of one token share its
 * rate limiter ({@link RateLimiterRegistry}).
 */
public final class WebflowSink implements SinkAdapter, TargetProvisioning, TargetWebhooks {
  public static final String TYPE = "webflow";

  /** Connection option: a collection field the sink fills with the source record id. */
  public static final String OPTION_RECORD_ID_FIELD = "webflow.recordIdField";

  public static final int DEFAULT_MAX_SLUG_ATTEMPTS = 10;

  private final ClientTemplate template;
  private final int maxSlugAttempts;
  // per collection (and marker field): the slugs taken there, shared by all writes to it
  private final ConcurrentMap<String, SlugIndex> slugIndexes = new ConcurrentHashMap<>();
  // per site: at most one publish a minute, for connections with WebflowSitePublish options
  private final SitePublisher sitePublisher =
      new SitePublisher(
          java.time.Clock.systemUTC(),
          WebflowSitePublish.MIN_INTERVAL,
          SitePublisher.Scheduler.daemon());
  // per site: its locales, for mappings that write secondary locales
  private final SiteLocales siteLocales = new SiteLocales();

  private WebflowSink(Builder b, ClientTemplate template) {
    this.template = template;
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
   * The session for one connection: its client, derived from this sink's client settings with the
   * connection's token (sessions of one token share its rate limiter), and its collection's slug
   * index. Makes no call.
   */
  @Override
  public SinkSession open(ConnectionConfig connection) {
    SlugIndex slugs =
        slugIndexes.computeIfAbsent(
            CollectionSession.slugIndexKey(connection),
            k -> new SlugIndex(connection.option(OPTION_RECORD_ID_FIELD, null)));
    return new CollectionSession(
        connection, template, slugs, maxSlugAttempts, sitePublisher, siteLocales);
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

  /** The site's collection with this slug ({@code GET /sites/{site_id}/collections}). */
  @Override
  public java.util.Optional<TargetSchema> findCollection(ConnectionConfig c, String slug) {
    return provisioned(() -> provisioner(c).find(c.target().parentId(), slug));
  }

  /** Creates a collection in the connection's site, or finds the one a lost attempt made. */
  @Override
  public TargetSchema createCollection(
      ConnectionConfig c, String name, String singularName, String slug) {
    return provisioned(
        () -> provisioner(c).createCollection(c.target().parentId(), name, singularName, slug));
  }

  /** Creates a field, or finds the one of that slug a lost attempt made. */
  @Override
  public dev.syncengine.core.model.TargetField createField(
      ConnectionConfig c, String collectionId, ProposedField field, String referenceTo) {
    return provisioned(() -> provisioner(c).createField(collectionId, field, referenceTo));
  }

  @Override
  public boolean canCreate(TargetKind kind) {
    return CollectionProvisioner.canCreate(kind);
  }

  @Override
  public String typeName(TargetKind kind) {
    return WebflowFieldTypes.typeOf(kind);
  }

  private CollectionProvisioner provisioner(ConnectionConfig c) {
    WebflowClient client = client(c);
    return new CollectionProvisioner(client, new SchemaClient(client.http()));
  }

  private static <T> T provisioned(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (WebflowException e) {
      // Webflow's details name the request field at fault (e.g. metadata.options).
      SyncError err = syncError(e);
      String field = e.details().isEmpty() ? null : e.details().get(0).param();
      throw new SyncException(
          new SyncError(err.code(), err.message(), field, err.retryable(), err.retryAfter(), null),
          e);
    }
  }

  static ResourceRef target(ConnectionConfig connection) {
    ResourceRef t = connection.target();
    if (!TYPE.equals(t.type())) {
      throw new IllegalArgumentException("not a webflow target: " + t.type());
    }
    return t;
  }

  /** A client for the draft's token, for calls outside a session (discovery). */
  private WebflowClient client(ConnectionConfig draft) {
    String token = draft.credentials().get(WebflowCredentials.TOKEN).orElse("");
    if (token.isEmpty()) {
      throw missingToken();
    }
    return template.client(token);
  }

  static SyncException missingToken() {
    MissingCredentialException e = new MissingCredentialException(WebflowCredentials.TOKEN);
    return new SyncException(
        SyncError.permanent(MissingCredentialException.ERROR_CODE, e.getMessage(), e.credential()));
  }

  static SyncError syncError(WebflowException e) {
    return new SyncError(
        e.code(),
        e.getMessage(),
        null,
        e.retryable(),
        e instanceof WebflowRateLimitedException rl ? rl.retryAfter() : null,
        null);
  }

  /** Two-way connections: a Webflow webhook delivery as changes ({@link DeliveryParser}). */
  @Override
  public List<TargetChange> parseTargetChanges(
      ConnectionConfig connection, IngestRequest request, Instant now) throws IngressException {
    return DeliveryParser.parse(connection, request, now);
  }

  /** Two-way connections: the site's CMS item webhooks, listed before any is created. */
  @Override
  public Map<String, String> ensureTargetWebhooks(ConnectionConfig connection, String url) {
    try {
      return WebhookRegistrar.ensure(client(connection).webhooks(), site(connection), url);
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  @Override
  public void removeTargetWebhooks(ConnectionConfig connection, String url) {
    try {
      WebhookRegistrar.remove(client(connection).webhooks(), site(connection), url);
    } catch (WebflowException e) {
      throw new SyncException(syncError(e), e);
    }
  }

  private static String site(ConnectionConfig connection) {
    String site = target(connection).parentId();
    if (site == null || site.isBlank()) {
      throw new SyncException(
          SyncError.permanent(
              WebflowErrorCodes.SITE_MISSING, "the connection's target names no site", "target"));
    }
    return site;
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
      return new WebflowSink(this, clientSettings.apply(WebflowClient.builder()).template());
    }
  }
}
