package dev.syncengine.smartsuite.internal;

import static dev.syncengine.smartsuite.SmartSuiteSource.OPTION_WEBHOOK_ID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.SourceAdapter.PullPage;
import dev.syncengine.core.spi.SourceAdapter.RecordPage;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.smartsuite.EventPage;
import dev.syncengine.smartsuite.RecordListPage;
import dev.syncengine.smartsuite.RecordQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code SmartSuiteSource}'s session for one connection (one table). Its {@link
 * AccountCaches.Account} (a client derived for the connection's key and workspace, with the key's
 * caches) is made on first use, so opening makes no call and a delivery is parsed without
 * credentials; a missing key fails the calls that need one. Closing releases nothing: the client
 * holds no resources of its own. Thread-safe.
 */
public final class TableSession implements SourceSession {
  /** What every session of one source shares. */
  public record Shared(
      Function<ConnectionConfig, AccountCaches.Account> accounts,
      RecordResolver resolver,
      int eventPageSize,
      Clock clock) {}

  private final ConnectionConfig connection;
  private final Shared shared;
  private volatile AccountCaches.Account account;

  public TableSession(ConnectionConfig connection, Shared shared) {
    this.connection = connection;
    this.shared = shared;
  }

  private AccountCaches.Account account() {
    AccountCaches.Account a = account;
    if (a == null) {
      a = shared.accounts().apply(connection);
      account = a;
    }
    return a;
  }

  private String tableId() {
    return connection.source().id();
  }

  @Override
  public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
    return switch (connection.ingestionMode()) {
      case NATIVE_WEBHOOK ->
          List.of(
              PingParser.parse(
                  connection,
                  request,
                  connection.options().get(OPTION_WEBHOOK_ID),
                  shared.clock().instant()));
      case SIGNED_PUSH -> List.of(SignedPushParser.parse(connection, request, shared.clock()));
      case POLLING ->
          throw IngressException.unauthorized("this connection polls; it accepts no deliveries");
    };
  }

  /**
   * Pages the webhook's {@code ListEvents} from {@code cursor} (a SmartSuite page token; null
   * starts at the oldest retained event). The next cursor is SmartSuite's next page token, or
   * {@code cursor} itself when it gave none, so no position is ever lost.
   */
  @Override
  public PullPage pull(String pullKey, String cursor) {
    String webhookId = PingParser.webhookIdOf(pullKey);
    if (webhookId == null) {
      throw new SyncException(
          SyncError.permanent("smartsuite_bad_pull_key", "not a SmartSuite pull key", null));
    }
    int size = shared.eventPageSize();
    EventPage page = account().client().listEvents(webhookId, size, cursor);
    List<ChangeEvent> events =
        EventMapper.map(connection.id(), tableId(), page.events(), shared.clock().instant());
    String next = page.nextPageToken() == null ? cursor : page.nextPageToken();
    boolean more = page.nextPageToken() != null && page.events().size() >= size;
    return new PullPage(events, next, more);
  }

  /**
   * Normalises each change's payload when it is a whole record at least as new as the change;
   * fetches the others in batches (a list call filtered by id, falling back to one call per record
   * when the filter is refused). Records SmartSuite no longer has are absent from the result.
   */
  @Override
  public Map<String, SourceRecord> resolve(List<PendingChange> changes) {
    return shared.resolver().resolve(connection, account(), changes);
  }

  /**
   * Lists records in a stable order: by {@code first_created} for backfill, by {@code last_updated}
   * when {@code updatedSince} is given (polling and reconcile). The cursor is the offset of the
   * next page; {@link RecordPage#total()} is SmartSuite's count.
   */
  @Override
  public RecordPage list(String cursor, int limit, Instant updatedSince) {
    int offset;
    try {
      offset = cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
    } catch (NumberFormatException e) {
      throw new SyncException(
          SyncError.permanent("smartsuite_bad_cursor", "list cursor is not an offset", null));
    }
    AccountCaches.Account a = account();
    RecordListPage page =
        a.client()
            .listRecords(
                tableId(), query(updatedSince), offset, Math.max(1, Math.min(1000, limit)));
    RecordResolver resolver = shared.resolver();
    RecordNormaliser normaliser = resolver.normaliser(connection, a);
    List<SourceRecord> records = new ArrayList<>(page.items().size());
    for (ObjectNode raw : page.items()) {
      records.add(resolver.normalise(connection, normaliser, raw, Instant.EPOCH));
    }
    int next = page.nextOffset();
    return new RecordPage(records, next < 0 ? null : Integer.toString(next), page.total());
  }

  private static RecordQuery query(Instant updatedSince) {
    if (updatedSince == null) {
      return RecordQuery.all().sortedBy("first_created", true);
    }
    ObjectNode filter = JsonNodeFactory.instance.objectNode().put("operator", "and");
    ObjectNode cond = filter.putArray("fields").addObject();
    cond.put("field", "last_updated").put("comparison", "is_on_or_after");
    cond.putObject("value")
        .put("date_mode", "exact_date")
        .put("date_mode_value", updatedSince.toString());
    return RecordQuery.all().withFilter(filter).sortedBy("last_updated", true);
  }

  /** The table's schema, cached per table (for the key and workspace) for the schema TTL. */
  @Override
  public SourceSchema schema() {
    return account().schema(tableId());
  }

  /** The table's schema read now ({@code GET .../applications/{id}/}), refreshing the cache. */
  @Override
  public SourceSchema freshSchema() {
    return account().refreshSchema(tableId());
  }

  /**
   * Registers a webhook for the table notifying {@code notificationUrl}, or repairs the registered
   * one (re-enables it, points it at the URL). Returns {@code smartsuite.webhookId}. Idempotent
   * whatever happened to an earlier attempt; see {@link WebhookRegistrar}.
   */
  @Override
  public Map<String, String> subscribe(String notificationUrl) {
    return WebhookRegistrar.subscribe(connection, account().client(), notificationUrl);
  }

  @Override
  public void unsubscribe() {
    if (connection.options().get(OPTION_WEBHOOK_ID) != null) {
      WebhookRegistrar.unsubscribe(connection, account().client());
    }
  }

  /**
   * Keepalive: calls {@code ListEvents} (SmartSuite stops notifying after 7 days without one) and
   * re-enables a disabled webhook. Returns {@code status} ({@code enabled}, {@code re-enabled},
   * {@code missing}: subscribe again, {@code none}) and {@code expires_at}.
   */
  @Override
  public Map<String, String> maintain() {
    return WebhookKeepalive.maintain(connection, () -> account().client());
  }

  /**
   * A pull of the connection's webhook events: pings that reached no running instance are retried
   * by SmartSuite only with backoff ("Failed pings are retried with backoff", webhooks overview),
   * so a restarted engine fetches from its stored event cursor at once.
   */
  @Override
  public List<ChangeEvent> catchUp(Instant now) {
    String id = connection.options().get(OPTION_WEBHOOK_ID);
    if (connection.ingestionMode() != IngestionMode.NATIVE_WEBHOOK || id == null || id.isBlank()) {
      return List.of();
    }
    return List.of(
        new ChangeEvent(
            connection.id(), PingParser.pullKey(id), ChangeKind.PULL, now, null, null, now));
  }

  /**
   * Writes records of the table (update, bulk update, idempotent create) through the same client,
   * hence the same per-key rate limit, as the reads; see {@link SessionRecordWriter}.
   */
  @Override
  public Optional<RecordWriter> writer() {
    return Optional.of(new SessionRecordWriter(tableId(), () -> account().client(), this::schema));
  }

  @Override
  public String toString() {
    return "SmartSuiteSource session for " + connection.id();
  }
}
