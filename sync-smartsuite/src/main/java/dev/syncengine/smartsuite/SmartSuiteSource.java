package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.syncengine.smartsuite.internal.EventMapper;
import dev.syncengine.smartsuite.internal.FileUrlCache;
import dev.syncengine.smartsuite.internal.PingParser;
import dev.syncengine.smartsuite.internal.RecordNormaliser;
import dev.syncengine.smartsuite.internal.Redaction;
import dev.syncengine.smartsuite.internal.SchemaReader;
import dev.syncengine.smartsuite.internal.SignedPushParser;
import dev.syncengine.smartsuite.internal.WebhookOwnership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SmartSuite {@link SourceAdapter} (type {@value #TYPE}). A connection's source is {@code
 * ResourceRef("smartsuite", solutionId, tableId)}; its credentials carry {@link
 * Credentials#SMARTSUITE_API_KEY}, {@link Credentials#SMARTSUITE_ACCOUNT_ID}, {@link
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
  private static final List<String> KINDS =
      List.of("RECORD_CREATED", "RECORD_UPDATED", "RECORD_DELETED");

  private final Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> clientSettings;
  private final Duration schemaTtl;
  private final Duration fileUrlTtl;
  private final int eventPageSize;
  private final int fetchBatchSize;
  private final Clock clock;
  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** A client and its caches, per API key and workspace. */
  private record Account(
      SmartSuiteClient client,
      FileUrlCache files,
      ConcurrentHashMap<String, CachedSchema> schemas) {}

  private record CachedSchema(SourceSchema schema, Instant fetchedAt) {}

  private SmartSuiteSource(Builder b) {
    this.clientSettings = b.clientSettings;
    this.schemaTtl = b.schemaTtl;
    this.fileUrlTtl = b.fileUrlTtl;
    this.eventPageSize = b.eventPageSize;
    this.fetchBatchSize = b.fetchBatchSize;
    this.clock = b.clock;
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
    SmartSuiteClient client = account(draft).client();
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
    return account(draft).client().listTables(solutionId).stream()
        .map(
            t ->
                new dev.syncengine.core.model.NamedRef(
                    t.path("id").asText(), t.path("name").asText(t.path("id").asText())))
        .toList();
  }

  /** One authenticated call: listing the key's tables. */
  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    account(draft).client().listTables(null);
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
    EventPage page = account(connection).client().listEvents(webhookId, eventPageSize, cursor);
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
    Account account = account(connection);
    RecordNormaliser normaliser = new RecordNormaliser(schema(connection), account.files());
    Map<String, SourceRecord> out = new LinkedHashMap<>();
    List<String> fetch = new ArrayList<>();
    for (PendingChange c : changes) {
      if (isWholeRecord(c.payload())
          && !versionOf((ObjectNode) c.payload(), c.version()).isBefore(c.version())) {
        out.put(
            c.recordId(), normalise(connection, normaliser, (ObjectNode) c.payload(), c.version()));
      } else if (!fetch.contains(c.recordId())) {
        fetch.add(c.recordId());
      }
    }
    for (int i = 0; i < fetch.size(); i += fetchBatchSize) {
      List<String> batch = fetch.subList(i, Math.min(fetch.size(), i + fetchBatchSize));
      for (ObjectNode raw : fetchRecords(connection, account.client(), batch)) {
        String id = raw.path("id").asText();
        out.put(id, normalise(connection, normaliser, raw, Instant.EPOCH));
      }
    }
    return out;
  }

  private List<ObjectNode> fetchRecords(
      ConnectionConfig connection, SmartSuiteClient client, List<String> ids) {
    String table = tableId(connection);
    ObjectNode filter = JsonNodeFactory.instance.objectNode().put("operator", "or");
    var fields = filter.putArray("fields");
    ids.forEach(
        id -> fields.addObject().put("field", "id").put("comparison", "is").put("value", id));
    RecordQuery q = RecordQuery.all().withFilter(filter);
    List<ObjectNode> found = new ArrayList<>();
    int offset = 0;
    while (offset >= 0) {
      RecordListPage page;
      try {
        page = client.listRecords(table, q, offset, Math.max(ids.size(), 1));
      } catch (SmartSuiteApiException e) {
        if (e.statusCode() != 400 && e.statusCode() != 422) {
          throw e;
        }
        warnOnce(connection, "SmartSuite refused a filter by id; fetching records one by one");
        return fetchOneByOne(client, table, ids);
      }
      if (page.total() > ids.size()) {
        // more matches than ids asked for: the filter was not applied; paging through the whole
        // table would cost far more than one call per record
        warnOnce(connection, "SmartSuite ignored a filter by id; fetching records one by one");
        return fetchOneByOne(client, table, ids);
      }
      for (ObjectNode r : page.items()) {
        if (ids.contains(r.path("id").asText())) {
          found.add(r);
        }
      }
      offset = page.nextOffset();
    }
    return found;
  }

  private static List<ObjectNode> fetchOneByOne(
      SmartSuiteClient client, String table, List<String> ids) {
    List<ObjectNode> found = new ArrayList<>();
    for (String id : ids) {
      try {
        found.add(client.getRecord(table, id, false));
      } catch (SmartSuiteApiException notFound) {
        if (!notFound.isNotFound()) {
          throw notFound;
        }
      }
    }
    return found;
  }

  private static boolean isWholeRecord(JsonNode payload) {
    // SmartSuite leaves empty values out, so field keys cannot tell; system keys always come with
    // a whole record and never with a partial change set.
    return payload instanceof ObjectNode o
        && o.hasNonNull("id")
        && o.hasNonNull("application_id")
        && o.path("last_updated").hasNonNull("on");
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
    Account account = account(connection);
    RecordListPage page =
        account
            .client()
            .listRecords(tableId(connection), q, offset, Math.max(1, Math.min(1000, limit)));
    RecordNormaliser normaliser = new RecordNormaliser(schema(connection), account.files());
    List<SourceRecord> records = new ArrayList<>(page.items().size());
    for (ObjectNode raw : page.items()) {
      records.add(normalise(connection, normaliser, raw, Instant.EPOCH));
    }
    int next = page.nextOffset();
    return new RecordPage(records, next < 0 ? null : Integer.toString(next), page.total());
  }

  /** The table's schema, cached per table for the schema TTL. */
  @Override
  public SourceSchema schema(ConnectionConfig connection) {
    Account account = account(connection);
    String table = tableId(connection);
    Instant now = clock.instant();
    CachedSchema cached = account.schemas().get(table);
    if (cached != null && now.isBefore(cached.fetchedAt().plus(schemaTtl))) {
      return cached.schema();
    }
    SourceSchema fresh = SchemaReader.read(table, account.client().getTable(table));
    account.schemas().put(table, new CachedSchema(fresh, now));
    return fresh;
  }

  // ---- webhook lifecycle ----------------------------------------------------------------------

  /**
   * Registers a webhook for the connection's table notifying {@code notificationUrl}, or repairs
   * the registered one (re-enables it, points it at the URL). Returns {@value #OPTION_WEBHOOK_ID}.
   *
   * <p>Idempotent whatever happened to an earlier attempt (answer lost, timed out or unreadable, a
   * crash before the id was saved): before creating, it lists the solution's webhooks and adopts
   * its own. A webhook is this connection's own when it notifies {@code notificationUrl}, or the
   * same URL with another last path segment: that segment is the connection's webhook token, so
   * such a webhook is ours from before a token rotation; it is pointed at the current URL rather
   * than replaced. The recorded webhook is kept when it is still there; otherwise the one notifying
   * the exact URL, then the oldest. Every other webhook of ours is deleted, so at most one remains.
   * When {@code CreateWebhook} fails, the solution is listed again and a webhook it created anyway
   * is adopted. Without a solution id on the connection only the recorded webhook can be found.
   */
  @Override
  public Map<String, String> subscribe(ConnectionConfig connection, String notificationUrl) {
    SmartSuiteClient client = account(connection).client();
    String recorded = connection.options().get(OPTION_WEBHOOK_ID);
    String solution = connection.source().parentId();
    Optional<ObjectNode> kept;
    if (solution == null || solution.isBlank()) {
      kept = recorded == null ? Optional.empty() : registered(client, connection, recorded);
    } else {
      kept = adopt(client, connection, recorded, notificationUrl);
    }
    if (kept.isPresent()) {
      return Map.of(OPTION_WEBHOOK_ID, repair(client, connection, kept.get(), notificationUrl));
    }
    ObjectNode webhook = JsonNodeFactory.instance.objectNode();
    webhook
        .putObject("filter")
        .putObject("applications")
        .putArray("application_ids")
        .add(tableId(connection));
    var kinds = webhook.putArray("kinds");
    KINDS.forEach(kinds::add);
    webhook
        .putObject("locator")
        .put("account_id", connection.credentials().require(Credentials.SMARTSUITE_ACCOUNT_ID))
        .put("solution_id", solution);
    webhook.putObject("notification_status").putObject("enabled").put("url", notificationUrl);
    String id;
    try {
      id = client.createWebhook(webhook).path("webhook_id").asText("");
    } catch (SmartSuiteApiException e) {
      // SmartSuite may have created it and only the answer went astray: look before failing
      log.warn(
          "connection {}: registering the SmartSuite webhook failed ({}); looking for one it"
              + " created anyway",
          connection.id(),
          e.error().code());
      if (solution == null || solution.isBlank()) {
        throw e;
      }
      Optional<ObjectNode> created;
      try {
        created = adopt(client, connection, null, notificationUrl);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
        throw e;
      }
      if (created.isEmpty()) {
        throw e;
      }
      id = repair(client, connection, created.get(), notificationUrl);
      log.info(
          "connection {}: adopted SmartSuite webhook {} created by the failed call",
          connection.id(),
          id);
      return Map.of(OPTION_WEBHOOK_ID, id);
    }
    log.info("connection {}: registered SmartSuite webhook {}", connection.id(), id);
    return Map.of(OPTION_WEBHOOK_ID, id);
  }

  /**
   * The connection's own webhook on its solution, after deleting the others of ours; empty when
   * there is none. Prefers {@code recorded}, then one notifying {@code url} exactly, then the
   * oldest.
   */
  private Optional<ObjectNode> adopt(
      SmartSuiteClient client, ConnectionConfig connection, String recorded, String url) {
    List<ObjectNode> all = client.listWebhooks(connection.source().parentId());
    String token = connection.credentials().get(Credentials.WEBHOOK_TOKEN).orElse(null);
    List<ObjectNode> ours = new ArrayList<>();
    ObjectNode recordedHook = null;
    for (ObjectNode w : all) {
      String id = w.path("webhook_id").asText("");
      if (id.isEmpty()) {
        continue;
      }
      if (id.equals(recorded)) {
        recordedHook = w; // ours by record, wherever it points
      } else if (WebhookOwnership.isOurs(notificationUrlOf(w), url, token)) {
        ours.add(w);
      }
    }
    ours.sort(
        java.util.Comparator.comparing((ObjectNode w) -> !url.equals(notificationUrlOf(w)))
            .thenComparing(w -> w.path("created_at").path("at").asText("~"))
            .thenComparing(w -> w.path("webhook_id").asText()));
    ObjectNode keep = recordedHook != null ? recordedHook : ours.isEmpty() ? null : ours.remove(0);
    for (ObjectNode extra : ours) {
      String id = extra.path("webhook_id").asText();
      try {
        client.deleteWebhook(id);
        log.info(
            "connection {}: deleted duplicate SmartSuite webhook {} (kept {})",
            connection.id(),
            id,
            keep.path("webhook_id").asText());
      } catch (SmartSuiteApiException e) {
        if (!e.isNotFound()) {
          log.warn(
              "connection {}: could not delete duplicate SmartSuite webhook {}: {}",
              connection.id(),
              id,
              e.error().code());
        }
      }
    }
    if (keep != null && recordedHook == null) {
      log.info(
          "connection {}: adopting SmartSuite webhook {} that already notifies this connection",
          connection.id(),
          keep.path("webhook_id").asText());
    }
    return Optional.ofNullable(keep);
  }

  /** Points the webhook at {@code url} and re-enables it when needed; returns its id. */
  private static String repair(
      SmartSuiteClient client, ConnectionConfig connection, ObjectNode w, String url) {
    String id = w.path("webhook_id").asText();
    if (!url.equals(notificationUrlOf(w)) || !w.path("system_status").has("enabled")) {
      ObjectNode update = JsonNodeFactory.instance.objectNode().put("webhook_id", id);
      update.putObject("notification_status").putObject("enabled").put("url", url);
      client.updateWebhook(update);
      log.info(
          "connection {}: pointed SmartSuite webhook {} at {}",
          connection.id(),
          id,
          Redaction.url(url));
    }
    return id;
  }

  private static String notificationUrlOf(JsonNode w) {
    return w.path("notification_status").path("enabled").path("url").asText("");
  }

  @Override
  public void unsubscribe(ConnectionConfig connection) {
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (id == null) {
      return;
    }
    try {
      account(connection).client().deleteWebhook(id);
    } catch (SmartSuiteApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
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
    if (connection.ingestionMode() != dev.syncengine.core.model.IngestionMode.NATIVE_WEBHOOK) {
      return Map.of();
    }
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (id == null) {
      return Map.of("status", "none");
    }
    SmartSuiteClient client = account(connection).client();
    Map<String, String> out = new LinkedHashMap<>();
    out.put(OPTION_WEBHOOK_ID, id);
    try {
      client.listEvents(id, 1, null);
      Optional<ObjectNode> registered = registered(client, connection, id);
      if (registered.isEmpty()) {
        return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
      }
      ObjectNode w = registered.get();
      if (w.path("system_status").has("enabled")) {
        out.put("status", "enabled");
      } else {
        ObjectNode update = JsonNodeFactory.instance.objectNode().put("webhook_id", id);
        update.set("notification_status", w.path("notification_status").deepCopy());
        if (!update.path("notification_status").has("enabled")) {
          return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
        }
        w = client.updateWebhook(update);
        out.put("status", "re-enabled");
      }
      String expires = w.path("system_status").path("enabled").path("expires_at").asText("");
      if (!expires.isEmpty()) {
        out.put("expires_at", expires);
      }
      return out;
    } catch (SmartSuiteApiException e) {
      if (e.isNotFound()) {
        return Map.of(OPTION_WEBHOOK_ID, id, "status", "missing");
      }
      throw e;
    }
  }

  /**
   * The webhook {@code id} as SmartSuite lists it on the connection's solution. {@code
   * ListWebhooks} rather than fetching one by id: its request and answer are the documented ones.
   */
  private static Optional<ObjectNode> registered(
      SmartSuiteClient client, ConnectionConfig connection, String id) {
    String solution = connection.source().parentId();
    if (solution == null || solution.isBlank()) {
      // no solution to list: ask for the one webhook instead
      try {
        return Optional.of(client.getWebhook(id));
      } catch (SmartSuiteApiException e) {
        if (e.isNotFound()) {
          return Optional.empty();
        }
        throw e;
      }
    }
    return client.listWebhooks(solution).stream()
        .filter(w -> id.equals(w.path("webhook_id").asText()))
        .findFirst();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private SourceRecord normalise(
      ConnectionConfig connection, RecordNormaliser normaliser, ObjectNode raw, Instant fallback) {
    RecordNormaliser.Result r = normaliser.normalise(raw);
    r.warnings().forEach(w -> warnOnce(connection, w));
    return new SourceRecord(raw.path("id").asText(), versionOf(raw, fallback), r.values(), raw);
  }

  private static Instant versionOf(ObjectNode raw, Instant fallback) {
    String on = raw.path("last_updated").path("on").asText("");
    if (on.isEmpty()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(on).toInstant();
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  private void warnOnce(ConnectionConfig connection, String warning) {
    // Bounded: a table with many bad values must not grow this set without limit.
    if (warned.size() < 10_000 && warned.add(connection.id() + "|" + warning)) {
      log.warn("connection {}: {}", connection.id(), warning);
    }
  }

  private static String tableId(ConnectionConfig connection) {
    return connection.source().id();
  }

  private Account account(ConnectionConfig connection) {
    Credentials c = connection.credentials();
    String key = c.require(Credentials.SMARTSUITE_API_KEY);
    String accountId = c.require(Credentials.SMARTSUITE_ACCOUNT_ID);
    return accounts.computeIfAbsent(
        dev.syncengine.smartsuite.internal.RateLimiters.fingerprint(key) + "/" + accountId,
        k -> {
          SmartSuiteClient client =
              clientSettings
                  .apply(SmartSuiteClient.builder())
                  .apiKey(key)
                  .accountId(accountId)
                  .build();
          FileUrlCache files =
              new FileUrlCache(
                  handle -> {
                    try {
                      return client.sharedFileUrl(handle);
                    } catch (SmartSuiteApiException e) {
                      if (e.isNotFound()) {
                        return null;
                      }
                      throw e;
                    }
                  },
                  fileUrlTtl,
                  clock);
          return new Account(client, files, new ConcurrentHashMap<>());
        });
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
