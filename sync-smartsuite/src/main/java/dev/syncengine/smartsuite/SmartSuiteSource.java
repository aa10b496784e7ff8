package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.smartsuite.internal.Accounts;
import dev.syncengine.smartsuite.internal.EventMapper;
import dev.syncengine.smartsuite.internal.OnceWarnings;
import dev.syncengine.smartsuite.internal.PingParser;
import dev.syncengine.smartsuite.internal.RecordNormaliser;
import dev.syncengine.smartsuite.internal.RecordResolver;
import dev.syncengine.smartsuite.internal.SignedPushParser;
import dev.syncengine.smartsuite.internal.WebhookKeepalive;
import dev.syncengine.smartsuite.internal.WebhookRegistrar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SmartSuite {@link SourceAdapter} (type {@value #TYPE}). A connection's source is {@code
 * ResourceRef("smartsuite", solutionId, tableId)}; its credentials carry {@link
 * SmartSuiteCredentials#API_KEY}, {@link SmartSuiteCredentials#ACCOUNT_ID}, {@link
 * Credentials#WEBHOOK_TOKEN} (native webhooks) and {@link Credentials#SIGNING_SECRETS} (signed
 * push); the webhook id lives in the option {@value #OPTION_WEBHOOK_ID} as {@link #subscribe}
 * returns it.
 *
 * <pre>{@code
 * SmartSuiteSource source = SmartSuiteSource.builder().build();
 * engineBuilder.source(source);
 * }</pre>
 *
 * <p>Thread-safe. One client (and one rate limit) per API key; schemas and file URLs are cached.
 */
public final class SmartSuiteSource implements SourceAdapter {
  public static final String TYPE = "smartsuite";
  public static final String OPTION_WEBHOOK_ID = "smartsuite.webhookId";
  public static final Duration DEFAULT_SCHEMA_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FILE_URL_TTL = Duration.ofMinutes(30);
  public static final int DEFAULT_EVENT_PAGE_SIZE = 100;
  public static final int DEFAULT_FETCH_BATCH_SIZE = 100;

  private static final Logger log = LoggerFactory.getLogger(SmartSuiteSource.class);
  private final int eventPageSize;
  private final Clock clock;
  private final Accounts accounts;
  private final RecordResolver resolver;
  private final WebhookRegistrar webhooks;
  private final WebhookKeepalive keepalive;

  private SmartSuiteSource(Builder b) {
    this.eventPageSize = b.eventPageSize;
    this.clock = b.clock;
    this.accounts = new Accounts(b.clientSettings, b.schemaTtl, b.fileUrlTtl, b.clock);
    this.resolver = new RecordResolver(accounts, b.fetchBatchSize, new OnceWarnings(log));
    this.webhooks = new WebhookRegistrar(accounts);
    this.keepalive = new WebhookKeepalive(accounts);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  // ---- ingress --------------------------------------------------------------------------------

  @Override
  public List<ChangeEvent> parse(ConnectionConfig connection, IngestRequest request)
      throws IngressException {
    return switch (connection.ingestionMode()) {
      case NATIVE_WEBHOOK ->
          List.of(
              PingParser.parse(
                  connection,
                  request,
                  connection.options().get(OPTION_WEBHOOK_ID),
                  clock.instant()));
      case SIGNED_PUSH -> List.of(SignedPushParser.parse(connection, request, clock));
      case POLLING ->
          throw IngressException.unauthorized("this connection polls; it accepts no deliveries");
    };
  }

  // ---- discovery ------------------------------------------------------------------------------

  /**
   * The solutions the draft's key can see: SmartSuite's solution list, or, where that endpoint is
   * not offered, the solutions named by the key's tables.
   */
  @Override
  public List<dev.syncengine.core.model.NamedRef> containers(ConnectionConfig draft) {
    SmartSuiteClient client = accounts.of(draft).client();
    try {
      return client.listSolutions().stream()
          .map(
              s ->
                  new dev.syncengine.core.model.NamedRef(
                      s.path("id").asText(), s.path("name").asText(s.path("id").asText())))
          .toList();
    } catch (SmartSuiteApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    java.util.Map<String, dev.syncengine.core.model.NamedRef> solutions = new java.util.TreeMap<>();
    for (ObjectNode t : client.listTables(null)) {
      String id = t.path("solution").asText("");
      if (!id.isEmpty()) {
        solutions.putIfAbsent(id, new dev.syncengine.core.model.NamedRef(id, id));
      }
    }
    return List.copyOf(solutions.values());
  }

  /** The tables of one solution. */
  @Override
  public List<dev.syncengine.core.model.NamedRef> collections(
      ConnectionConfig draft, String solutionId) {
    return accounts.of(draft).client().listTables(solutionId).stream()
        .map(
            t ->
                new dev.syncengine.core.model.NamedRef(
                    t.path("id").asText(), t.path("name").asText(t.path("id").asText())))
        .toList();
  }

  /** One authenticated call: listing the key's tables. */
  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    accounts.of(draft).client().listTables(null);
  }

  // ---- pull -----------------------------------------------------------------------------------

  /**
   * Pages the webhook's {@code ListEvents} from {@code cursor} (a SmartSuite page token; null
   * starts at the oldest retained event). The next cursor is SmartSuite's next page token, or
   * {@code cursor} itself when it gave none, so no position is ever lost.
   */
  @Override
  public PullPage pull(ConnectionConfig connection, String pullKey, String cursor) {
    String webhookId = PingParser.webhookIdOf(pullKey);
    if (webhookId == null) {
      throw new SyncException(
          SyncError.permanent("smartsuite_bad_pull_key", "not a SmartSuite pull key", null));
    }
    EventPage page = accounts.of(connection).client().listEvents(webhookId, eventPageSize, cursor);
    List<ChangeEvent> events =
        EventMapper.map(connection.id(), tableId(connection), page.events(), clock.instant());
    String next = page.nextPageToken() == null ? cursor : page.nextPageToken();
    boolean more = page.nextPageToken() != null && page.events().size() >= eventPageSize;
    return new PullPage(events, next, more);
  }

  // ---- resolve --------------------------------------------------------------------------------

  /**
   * Normalises each change's payload when it is a whole record at least as new as the change;
   * fetches the others in batches (a list call filtered by id, falling back to one call per record
   * when the filter is refused). Records SmartSuite no longer has are absent from the result.
   */
  @Override
  public Map<String, SourceRecord> resolve(
      ConnectionConfig connection, List<PendingChange> changes) {
    return resolver.resolve(connection, changes);
  }

  // ---- list / schema --------------------------------------------------------------------------

  /**
   * Lists records in a stable order: by {@code first_created} for backfill, by {@code last_updated}
   * when {@code updatedSince} is given (polling and reconcile). The cursor is the offset of the
   * next page; {@link RecordPage#total()} is SmartSuite's count.
   */
  @Override
  public RecordPage list(
      ConnectionConfig connection, String cursor, int limit, Instant updatedSince) {
    int offset;
    try {
      offset = cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
    } catch (NumberFormatException e) {
      throw new SyncException(
          SyncError.permanent("smartsuite_bad_cursor", "list cursor is not an offset", null));
    }
    RecordQuery q;
    if (updatedSince == null) {
      q = RecordQuery.all().sortedBy("first_created", true);
    } else {
      ObjectNode filter = JsonNodeFactory.instance.objectNode().put("operator", "and");
      ObjectNode cond = filter.putArray("fields").addObject();
      cond.put("field", "last_updated").put("comparison", "is_on_or_after");
      cond.putObject("value")
          .put("date_mode", "exact_date")
          .put("date_mode_value", updatedSince.toString());
      q = RecordQuery.all().withFilter(filter).sortedBy("last_updated", true);
    }
    Accounts.Account account = accounts.of(connection);
    RecordListPage page =
        account
            .client()
            .listRecords(tableId(connection), q, offset, Math.max(1, Math.min(1000, limit)));
    RecordNormaliser normaliser = resolver.normaliser(connection, account);
    List<SourceRecord> records = new ArrayList<>(page.items().size());
    for (ObjectNode raw : page.items()) {
      records.add(resolver.normalise(connection, normaliser, raw, Instant.EPOCH));
    }
    int next = page.nextOffset();
    return new RecordPage(records, next < 0 ? null : Integer.toString(next), page.total());
  }

  /** The table's schema, cached per table for the schema TTL. */
  @Override
  public SourceSchema schema(ConnectionConfig connection) {
    return accounts.of(connection).schema(tableId(connection));
  }

  // ---- webhook lifecycle ----------------------------------------------------------------------

  /**
   * Registers a webhook for the connection's table notifying {@code notificationUrl}, or repairs
   * the registered one (re-enables it, points it at the URL). Returns {@value #OPTION_WEBHOOK_ID}.
   * Idempotent whatever happened to an earlier attempt; see {@code WebhookRegistrar}.
   */
  @Override
  public Map<String, String> subscribe(ConnectionConfig connection, String notificationUrl) {
    return webhooks.subscribe(connection, notificationUrl);
  }

  @Override
  public void unsubscribe(ConnectionConfig connection) {
    webhooks.unsubscribe(connection);
  }

  /**
   * A pull of the connection's webhook events: pings that reached no running instance are retried
   * by SmartSuite only with backoff ("Failed pings are retried with backoff", webhooks overview),
   * so a restarted engine fetches from its stored event cursor at once.
   */
  @Override
  public List<ChangeEvent> catchUp(ConnectionConfig connection, Instant now) {
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (connection.ingestionMode() != dev.syncengine.core.model.IngestionMode.NATIVE_WEBHOOK
        || id == null
        || id.isBlank()) {
      return List.of();
    }
    return List.of(
        new ChangeEvent(
            connection.id(),
            PingParser.pullKey(id),
            dev.syncengine.core.model.ChangeKind.PULL,
            now,
            null,
            null,
            now));
  }

  /**
   * Keepalive: calls {@code ListEvents} (SmartSuite stops notifying after 7 days without one) and
   * re-enables a disabled webhook. Returns {@code status} ({@code enabled}, {@code re-enabled},
   * {@code missing}: call {@link #subscribe} again, {@code none}) and {@code expires_at}.
   */
  @Override
  public Map<String, String> maintain(ConnectionConfig connection) {
    return keepalive.maintain(connection);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String tableId(ConnectionConfig connection) {
    return connection.source().id();
  }

  /** Mutable, not thread-safe; {@link #build()} makes an immutable source. */
  public static final class Builder {
    private Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> clientSettings = b -> b;
    private Duration schemaTtl = DEFAULT_SCHEMA_TTL;
    private Duration fileUrlTtl = DEFAULT_FILE_URL_TTL;
    private int eventPageSize = DEFAULT_EVENT_PAGE_SIZE;
    private int fetchBatchSize = DEFAULT_FETCH_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Settings for every client this source creates (base URLs, timeouts, rate); key and account
     * come from each connection's credentials.
     *
     * <pre>{@code
     * .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()))
     * }</pre>
     */
    public Builder client(Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> settings) {
      this.clientSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder schemaTtl(Duration ttl) {
      this.schemaTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** How long a shared-file URL is reused when SmartSuite gives no expiry, default 30 min. */
    public Builder fileUrlTtl(Duration ttl) {
      this.fileUrlTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** Events per {@code ListEvents} call, 1–1000, default 100. */
    public Builder eventPageSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("eventPageSize must be 1-1000");
      }
      this.eventPageSize = size;
      return this;
    }

    /** Records per batch fetch, 1–1000, default 100. */
    public Builder fetchBatchSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("fetchBatchSize must be 1-1000");
      }
      this.fetchBatchSize = size;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SmartSuiteSource build() {
      return new SmartSuiteSource(this);
    }
  }
}
