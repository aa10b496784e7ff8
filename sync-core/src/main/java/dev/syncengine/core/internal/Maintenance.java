package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic upkeep per connection: webhook keepalive and repair (SmartSuite stops notifying after 7
 * quiet days), and polling for connections that cannot receive webhooks. Thread-safe.
 */
public final class Maintenance {
  private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String WEBHOOK_STATUS = "webhook.status";
  static final String POLL_SINCE = "poll.since";
  static final String POLL_LAST_RUN = "poll.lastRun";

  /** Option key: seconds between polls of a polling connection. */
  public static final String OPTION_POLL_INTERVAL = "polling.intervalSeconds";

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Function<ConnectionConfig, String> webhookUrl;
  private final Runnable onEnqueue;
  private final Problems problems;
  private volatile java.util.function.Consumer<ConnectionConfig> alsoMaintain = c -> {};

  public Maintenance(
      Stores stores,
      ConnectionRuntime runtime,
      Clock clock,
      Function<ConnectionConfig, String> webhookUrl,
      Runnable onEnqueue,
      Problems problems) {
    this.problems = problems;
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.webhookUrl = webhookUrl;
    this.onEnqueue = onEnqueue;
  }

  /**
   * Registers (or repairs) the source webhook of a connection and saves what the adapter returns
   * (the webhook id) on the connection.
   *
   * @throws IllegalStateException when no webhook URL resolver is configured
   */
  public Map<String, String> subscribe(ConnectionConfig c) {
    if (webhookUrl == null) {
      IllegalStateException e =
          new IllegalStateException(
              "no public webhook URL configured (SyncEngine.Builder.webhookUrl)");
      problems.registrationFailed(c, "register", "no_webhook_url", e.getMessage());
      throw e;
    }
    return subscribe(c, webhookUrl.apply(c));
  }

  /**
   * Registers (or repairs) the source webhook of a connection to notify {@code url}. A failure is
   * reported (WARN, listener, the connection's problems, the saved webhook status) and rethrown.
   */
  public Map<String, String> subscribe(ConnectionConfig c, String url) {
    Map<String, String> options;
    try {
      options = runtime.sourceSession(c).subscribe(url);
    } catch (RuntimeException e) {
      registrationFailed(c, "register", e);
      throw scrubbed(e, c);
    }
    problems.registered(c.id());
    if (!options.isEmpty()) {
      ConnectionConfig.Builder b = stores.connections().find(c.id()).orElse(c).toBuilder();
      options.forEach(b::option);
      stores.connections().save(b.build());
      runtime.invalidate(c.id());
    }
    Map<String, String> status = new LinkedHashMap<>(options);
    status.put("status", "enabled");
    status.put("checkedAt", clock.instant().toString());
    saveStatus(c.id(), status);
    return status;
  }

  /** One upkeep round over every connection that is not paused. */
  public void runAll() {
    for (ConnectionConfig c : stores.connections().list()) {
      if (c.paused()) {
        continue;
      }
      try {
        if (c.ingestionMode() == IngestionMode.NATIVE_WEBHOOK) {
          keepalive(c);
        }
      } catch (RuntimeException e) {
        registrationFailed(c, "keepalive", e);
      }
      try {
        alsoMaintain.accept(c);
      } catch (RuntimeException e) {
        log.warn("upkeep of connection {} failed: {}", c.id(), e.toString());
      }
    }
  }

  /** More upkeep run per connection in each round (two-way webhooks); it reports its failures. */
  public void alsoMaintain(java.util.function.Consumer<ConnectionConfig> upkeep) {
    this.alsoMaintain = java.util.Objects.requireNonNull(upkeep, "upkeep");
  }

  /**
   * The failure as callers may show it: an adapter error whose message echoes a credential (the
   * webhook URL's token, say) comes back with it replaced by {@code ***}.
   */
  private static RuntimeException scrubbed(RuntimeException e, ConnectionConfig c) {
    if (e instanceof dev.syncengine.core.spi.SyncException se) {
      dev.syncengine.core.spi.SyncError err = se.error();
      String clean = Problems.scrub(err.message(), c);
      if (!clean.equals(err.message())) {
        return new dev.syncengine.core.spi.SyncException(
            new dev.syncengine.core.spi.SyncError(
                err.code(), clean, err.field(), err.retryable(), err.retryAfter(), err.detail()));
      }
    }
    return e;
  }

  private void registrationFailed(ConnectionConfig c, String operation, RuntimeException e) {
    String code =
        e instanceof dev.syncengine.core.spi.SyncException se
            ? se.error().code()
            : e instanceof dev.syncengine.core.model.MissingCredentialException
                ? "missing_credential"
                : ErrorCodes.INTERNAL_ERROR;
    String message = Problems.scrub(String.valueOf(e.getMessage()), c);
    problems.registrationFailed(c, operation, code, message);
    try {
      Map<String, String> status = new LinkedHashMap<>(webhookStatus(c.id()));
      status.put("error", message);
      status.put("errorCode", code);
      status.put("errorAt", clock.instant().toString());
      status.put("checkedAt", clock.instant().toString());
      saveStatus(c.id(), status);
    } catch (RuntimeException storeDown) {
      log.warn("could not save the webhook status of {}: {}", c.id(), storeDown.toString());
    }
  }

  /** Polls every polling connection whose interval has passed. */
  public void pollDue() {
    Instant now = clock.instant();
    for (ConnectionConfig c : stores.connections().list()) {
      if (c.paused() || c.ingestionMode() != IngestionMode.POLLING) {
        continue;
      }
      Duration every = Duration.ofSeconds(Long.parseLong(c.option(OPTION_POLL_INTERVAL, "60")));
      Instant last =
          stores.cursors().get(c.id(), POLL_LAST_RUN).map(Instant::parse).orElse(Instant.EPOCH);
      if (last.plus(every).isAfter(now)) {
        continue;
      }
      try {
        poll(c);
      } catch (dev.syncengine.core.spi.SyncException e) {
        problems.upstream(c, "poll", e.error().code(), e.error().message(), null, null);
      } catch (RuntimeException e) {
        log.warn("polling {} failed: {}", c.id(), e.toString());
      }
    }
  }

  /**
   * {@link #poll(ConnectionConfig)} of a stored connection.
   *
   * @throws IllegalArgumentException for an unknown connection
   */
  public int poll(String connectionId) {
    return poll(
        stores
            .connections()
            .find(connectionId)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown connection '" + connectionId + "'")));
  }

  /** Lists records changed since the last poll and queues those not yet written. */
  public int poll(ConnectionConfig c) {
    SourceSession source = runtime.sourceSession(c);
    Instant started = clock.instant();
    Instant since = stores.cursors().get(c.id(), POLL_SINCE).map(Instant::parse).orElse(null);
    Instant newest = since;
    String cursor = null;
    int queued = 0;
    do {
      SourceAdapter.RecordPage page = source.list(cursor, Backfiller.PAGE_SIZE, since);
      Map<String, IdMapping> written =
          stores.idMap().findAll(c.id(), page.records().stream().map(SourceRecord::id).toList());
      List<ChangeEvent> events = new ArrayList<>();
      for (SourceRecord r : page.records()) {
        IdMapping m = written.get(r.id());
        if (m != null && m.sourceVersion() != null && !r.version().isAfter(m.sourceVersion())) {
          continue;
        }
        events.add(
            new ChangeEvent(
                c.id(), r.id(), ChangeKind.UPSERT, r.version(), r.raw(), null, started));
        if (newest == null || r.version().isAfter(newest)) {
          newest = r.version();
        }
      }
      if (!events.isEmpty()) {
        stores.jobs().enqueue(events);
        queued += events.size();
      }
      cursor = page.records().isEmpty() ? null : page.nextCursor();
    } while (cursor != null);
    if (newest != null) {
      stores.cursors().put(c.id(), POLL_SINCE, newest.toString());
    }
    stores.cursors().put(c.id(), POLL_LAST_RUN, started.toString());
    if (queued > 0) {
      onEnqueue.run();
    }
    return queued;
  }

  private void keepalive(ConnectionConfig c) {
    Map<String, String> status = new LinkedHashMap<>(runtime.sourceSession(c).maintain());
    String state = status.getOrDefault("status", "");
    if ((state.equals("missing") || state.equals("none")) && webhookUrl != null) {
      try {
        status = new LinkedHashMap<>(subscribe(c));
      } catch (RuntimeException reported) {
        return; // subscribe() reported it and saved the status
      }
      status.put("status", "re-created");
    } else if (state.equals("missing") || state.equals("none")) {
      problems.registrationFailed(
          c,
          "keepalive",
          "webhook_" + state,
          state.equals("none")
              ? "no webhook is registered and no public webhook URL is configured"
              : "the webhook is gone at the source and no public webhook URL is configured");
    } else if (!status.isEmpty()) {
      if (state.equals("re-enabled")) {
        // The source had switched it off (SmartSuite does after refused or failed deliveries).
        log.warn("webhook of connection {} was disabled at the source; re-enabled it", c.id());
      }
      problems.registered(c.id());
    }
    status.put("checkedAt", clock.instant().toString());
    saveStatus(c.id(), status);
  }

  /** The last known webhook state of a connection (empty when never checked). */
  public Map<String, String> webhookStatus(String connectionId) {
    return stores
        .cursors()
        .get(connectionId, WEBHOOK_STATUS)
        .map(
            s -> {
              try {
                Map<String, String> m = new LinkedHashMap<>();
                JSON.readTree(s)
                    .fields()
                    .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                return m;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElse(Map.of());
  }

  private void saveStatus(String connectionId, Map<String, String> status) {
    try {
      stores.cursors().put(connectionId, WEBHOOK_STATUS, JSON.writeValueAsString(status));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
