package dev.syncengine.core;

import dev.syncengine.core.internal.Backfiller;
import dev.syncengine.core.internal.BatchProcessor;
import dev.syncengine.core.internal.ConnectionRuntime;
import dev.syncengine.core.internal.IngestBatcher;
import dev.syncengine.core.internal.Maintenance;
import dev.syncengine.core.internal.Problems;
import dev.syncengine.core.internal.WakeSignal;
import dev.syncengine.core.internal.WorkerPool;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.Stores;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: accepts webhook deliveries durably, and runs the workers that carry each change
 * from the queue through fetch, mapping and bulk writes to the target.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *     .stores(InMemoryStores.create(Clock.systemUTC()))
 *     .source(smartSuiteSource)
 *     .sink(webflowSink)
 *     .mappingCompiler(new DefaultMappingCompiler())
 *     .build();
 * engine.start();
 * IngestResult r = engine.ingest("products", request);   // from your HTTP handler
 * ...
 * engine.stop();
 * }</pre>
 *
 * <p>Thread-safe. {@link #ingest} makes no outbound call: it authenticates, parses and stores.
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  /** What {@link IngestResult.Unavailable} suggests to senders. */
  public static final Duration DEFAULT_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

  /** How often webhook upkeep runs by default. */
  public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofHours(6);

  /**
   * A backfill whose progress was not saved for this long has lost its runner (it saves after every
   * page) and is resumed by a running engine.
   */
  static final Duration STALE_BACKFILL = Duration.ofSeconds(30);

  /** How long ingest waits for the store by default. */
  public static final Duration DEFAULT_INGEST_TIMEOUT = Duration.ofSeconds(10);

  /** How long finished queue rows are kept by default. */
  public static final Duration DEFAULT_DONE_JOB_RETENTION = Duration.ofDays(7);

  /** How long sync log entries are kept by default. */
  public static final Duration DEFAULT_EVENT_LOG_RETENTION = Duration.ofDays(30);

  private final Stores stores;
  private final Clock clock;
  private final SyncListener listener;
  private final WorkerSettings settings;
  private final ConnectionRuntime runtime;
  private final WakeSignal signal = new WakeSignal();
  private final WorkerPool workers;
  private final Backfiller backfiller;
  private final Maintenance maintenance;
  private final Duration maintenanceInterval;
  private final Duration doneJobRetention;
  private final Duration eventLogRetention;
  private final String owner;
  private final IngestBatcher ingestBatcher;
  private final Problems problems;
  private java.util.concurrent.ScheduledExecutorService scheduler;

  private SyncEngine(Builder b) {
    this.stores = Objects.requireNonNull(b.stores, "stores");
    this.clock = b.clock;
    this.listener = b.listener;
    this.settings = b.settings;
    this.owner = b.owner != null ? b.owner : defaultOwner();
    MappingCompiler compiler = Objects.requireNonNull(b.compiler, "mappingCompiler");
    this.problems = new Problems(listener, clock);
    this.runtime =
        new ConnectionRuntime(
            stores.connections(), b.sources, b.sinks, compiler, clock, b.configTtl, b.schemaTtl);
    BatchProcessor processor =
        new BatchProcessor(stores, runtime, listener, clock, problems, signal::signal);
    this.workers = new WorkerPool(stores.jobs(), processor, settings, signal, listener, owner);
    this.backfiller = new Backfiller(stores, runtime, clock, signal::signal, problems);
    this.maintenance =
        new Maintenance(stores, runtime, clock, b.webhookUrl, signal::signal, problems);
    this.maintenanceInterval = b.maintenanceInterval;
    this.ingestBatcher = new IngestBatcher(stores.jobs(), b.ingestTimeout);
    this.doneJobRetention = b.doneJobRetention;
    this.eventLogRetention = b.eventLogRetention;
  }

  private static String defaultOwner() {
    String jvm = ManagementFactory.getRuntimeMXBean().getName();
    return jvm + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Accepts one webhook delivery for a connection: authenticates and parses it through the
   * connection's source adapter and stores the changes durably before returning. Never throws for
   * bad input or an unavailable store; the result says what happened.
   */
  public IngestResult ingest(String connectionId, IngestRequest request) {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(request, "request");
    Optional<ConnectionConfig> found;
    try {
      found = runtime.connection(connectionId);
    } catch (StoreUnavailableException e) {
      // The id is unchecked (the store could not say), so it is not used as a tag.
      problems.refused(null, null, "store_unavailable", "store unavailable: " + e.getMessage());
      return new IngestResult.Unavailable(DEFAULT_UNAVAILABLE_RETRY_AFTER);
    }
    if (found.isEmpty()) {
      // Whoever calls chooses the id: neither logged per id nor a tag, so it cannot flood.
      problems.refused(null, null, "unknown_connection", "no connection '" + connectionId + "'");
      return new IngestResult.NotFound(connectionId);
    }
    ConnectionConfig c = found.get();
    List<ChangeEvent> events;
    try {
      events = runtime.source(c).parse(c, request);
    } catch (IngressException e) {
      boolean unauthorized = e.kind() == IngressException.Kind.UNAUTHORIZED;
      problems.refused(
          connectionId,
          c,
          unauthorized ? Problems.code(e.getMessage()) : "malformed_body",
          e.getMessage());
      return unauthorized
          ? new IngestResult.Unauthorized(e.getMessage())
          : new IngestResult.Rejected(e.getMessage(), e.field());
    } catch (RuntimeException e) {
      // An adapter that fails on odd input must not turn a bad request into a 5xx.
      problems.refused(
          connectionId, c, "unparseable", "the source adapter failed to parse it: " + e);
      return new IngestResult.Rejected("the body could not be parsed", null);
    }
    Instant now = clock.instant();
    List<ChangeEvent> stamped = new ArrayList<>(events.size());
    for (ChangeEvent e : events) {
      if (!e.connectionId().equals(connectionId)) {
        problems.refused(connectionId, c, "wrong_connection", "event for another connection");
        return new IngestResult.Rejected("event for another connection", null);
      }
      stamped.add(e.withReceivedAt(now));
    }
    List<EnqueueResult> results;
    try {
      results = stamped.isEmpty() ? List.of() : ingestBatcher.enqueue(stamped);
    } catch (StoreUnavailableException e) {
      problems.refused(
          connectionId, c, "store_unavailable", "store unavailable, not accepted: " + e);
      return new IngestResult.Unavailable(DEFAULT_UNAVAILABLE_RETRY_AFTER);
    }
    List<IngestResult.AcceptedEvent> accepted = new ArrayList<>(results.size());
    int duplicates = 0;
    for (int i = 0; i < results.size(); i++) {
      EnqueueResult r = results.get(i);
      String key = stamped.get(i).idempotencyKey();
      accepted.add(
          new IngestResult.AcceptedEvent(
              key != null ? key : "job-" + r.jobId(), r.jobId(), r.duplicate()));
      if (r.duplicate()) {
        duplicates++;
      }
    }
    if (duplicates < results.size()) {
      boolean pull = stamped.stream().anyMatch(e -> e.kind() == ChangeKind.PULL);
      if (pull) {
        signal.signalUrgent();
      } else {
        signal.signal();
      }
    }
    int dups = duplicates;
    problems.accepted(connectionId);
    safe(() -> listener.ingested(connectionId, results.size(), dups));
    return new IngestResult.Accepted(accepted);
  }

  /**
   * Enqueues changes found by the host itself (a custom poller, an import). Idempotency keys are
   * honoured as for webhooks.
   *
   * @throws StoreUnavailableException when the store is down
   */
  public List<EnqueueResult> enqueue(List<ChangeEvent> events) {
    List<EnqueueResult> r = stores.jobs().enqueue(events);
    signal.signal();
    return r;
  }

  /** Starts the background workers, webhook upkeep and polling. Idempotent. */
  public synchronized void start() {
    catchUp();
    workers.start();
    if (scheduler == null) {
      scheduler =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sync-maintenance");
                t.setDaemon(true);
                return t;
              });
      scheduler.scheduleWithFixedDelay(
          () -> guarded(maintenance::runAll),
          5,
          maintenanceInterval.toSeconds(),
          java.util.concurrent.TimeUnit.SECONDS);
      scheduler.scheduleWithFixedDelay(
          () -> guarded(maintenance::pollDue), 1, 5, java.util.concurrent.TimeUnit.SECONDS);
      scheduler.scheduleWithFixedDelay(
          () -> guarded(this::purgeNow), 1, 60, java.util.concurrent.TimeUnit.MINUTES);
      scheduler.scheduleWithFixedDelay(
          () -> guarded(() -> backfiller.resumeStale(STALE_BACKFILL)),
          2,
          10,
          java.util.concurrent.TimeUnit.SECONDS);
      scheduler.scheduleWithFixedDelay(
          () -> guarded(problems::flush), 10, 10, java.util.concurrent.TimeUnit.SECONDS);
    }
    log.info(
        "sync engine started: {} workers, claim size {}, owner {}",
        settings.concurrency(),
        settings.claimSize(),
        owner);
  }

  /** Queues each active connection's start-up pulls ({@link SourceAdapter#catchUp}). */
  private void catchUp() {
    Instant now = clock.instant();
    List<ChangeEvent> pulls = new ArrayList<>();
    try {
      for (ConnectionConfig c : stores.connections().list()) {
        if (c.paused()) {
          continue;
        }
        try {
          for (ChangeEvent e : runtime.source(c).catchUp(c, now)) {
            if (e.connectionId().equals(c.id())) {
              pulls.add(e.withReceivedAt(now));
            }
          }
        } catch (RuntimeException e) {
          log.warn("start-up pull of {} not queued: {}", c.id(), e.toString());
        }
      }
      if (!pulls.isEmpty()) {
        stores.jobs().enqueue(pulls);
        log.info("queued {} start-up pull(s) for changes announced while stopped", pulls.size());
      }
    } catch (RuntimeException e) {
      // The next ping or upkeep round pulls anyway; starting must not depend on it.
      log.warn("start-up pulls not queued: {}", e.toString());
    }
  }

  /**
   * Stops the workers gracefully: running batches finish within the shutdown timeout, claims left
   * are released for another worker. Idempotent.
   */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    workers.stop();
  }

  private static void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("maintenance failed: {}", e.toString());
    }
  }

  /**
   * Registers (or repairs) the source's webhook for a connection, pointing at the URL the {@link
   * Builder#webhookUrl} resolver gives, and stores the webhook id on the connection.
   *
   * @throws IllegalArgumentException for an unknown connection
   * @throws IllegalStateException when no webhook URL resolver is configured
   */
  public Map<String, String> registerWebhook(String connectionId) {
    return maintenance.subscribe(require(connectionId));
  }

  /**
   * Registers (or repairs) the source's webhook for a connection to notify {@code url} (an admin
   * API that builds the URL from its request), and stores the webhook id on the connection. A
   * failure is logged at WARN, counted ({@link SyncListener#webhookRegistrationFailed}), kept in
   * {@link #problems} and the webhook status, then rethrown.
   *
   * @throws IllegalArgumentException for an unknown connection
   */
  public Map<String, String> registerWebhook(String connectionId, String url) {
    return maintenance.subscribe(require(connectionId), Objects.requireNonNull(url, "url"));
  }

  /**
   * What went wrong lately for a connection: the problems this engine instance saw since it started
   * (refused deliveries, failed registrations, upstream errors, the last dead letter), and a
   * webhook registration failure remembered in the webhook status from before a restart. The
   * dead-letter count itself is in the job store ({@code stores().jobs().counts(id)}).
   */
  public ConnectionProblems problems(String connectionId) {
    ConnectionProblems p = problems.of(connectionId);
    if (p.registrationFailure() == null) {
      Map<String, String> status = webhookStatus(connectionId);
      String error = status.get("error");
      if (error != null && status.containsKey("errorAt")) {
        Instant at = Instant.parse(status.get("errorAt"));
        p =
            new ConnectionProblems(
                p.refusedDelivery(),
                new ConnectionProblems.Problem(
                    status.getOrDefault("errorCode", "unknown"),
                    error,
                    at,
                    at,
                    1,
                    "register",
                    null,
                    null),
                p.upstreamError(),
                p.deadLetter());
      }
    }
    return p;
  }

  /** The last known webhook state of a connection (status, expires_at, checkedAt, error). */
  public Map<String, String> webhookStatus(String connectionId) {
    return maintenance.webhookStatus(connectionId);
  }

  /**
   * Deletes finished queue rows and expired idempotency keys older than the job retention, and log
   * entries older than the log retention (it also runs hourly once started).
   *
   * @return rows deleted
   */
  public int purgeNow() {
    Instant now = clock.instant();
    return stores.jobs().purge(now.minus(doneJobRetention))
        + stores.eventLog().purge(now.minus(eventLogRetention));
  }

  /** Runs webhook upkeep for every connection now (it also runs on a schedule once started). */
  public void maintainNow() {
    maintenance.runAll();
  }

  /**
   * Polls a polling connection now: queues records changed since the last poll.
   *
   * @return how many changes were queued
   */
  public int pollNow(String connectionId) {
    return maintenance.poll(require(connectionId));
  }

  @Override
  public void close() {
    stop();
    backfiller.shutdown();
    ingestBatcher.close();
  }

  public boolean running() {
    return workers.running();
  }

  /**
   * Runs one bounded pass on the calling thread (for hosts that drive work from a scheduler):
   * claims and processes batches until nothing is due or {@code maxBatches} were processed.
   */
  public RunSummary runOnce(int maxBatches) {
    RunSummary total = RunSummary.EMPTY;
    for (int i = 0; i < maxBatches; i++) {
      RunSummary s = workers.runBatch();
      total = total.plus(s);
      if (s.claimed() == 0) {
        break;
      }
    }
    return total;
  }

  /** {@link #runOnce(int)} with 10 batches. */
  public RunSummary runOnce() {
    return runOnce(10);
  }

  /** Wakes idle workers at once (a database notification, a test). */
  public void wakeUp() {
    signal.signal();
  }

  /** Sends a dead job back to the queue with its attempts reset. */
  public boolean replay(long jobId) {
    boolean ok = stores.jobs().replay(jobId);
    if (ok) {
      signal.signal();
    }
    return ok;
  }

  /**
   * Starts (or resumes) a backfill: every source record is queued through the normal path.
   *
   * @throws IllegalArgumentException for an unknown connection
   */
  public BackfillStatus backfill(String connectionId) {
    return backfiller.start(require(connectionId), "backfill");
  }

  /**
   * Starts a reconcile: queues records changed since they were written, and deletes for records
   * gone from the source.
   *
   * @throws IllegalArgumentException for an unknown connection
   */
  public BackfillStatus reconcile(String connectionId) {
    return backfiller.start(require(connectionId), "reconcile");
  }

  public boolean cancelBackfill(String connectionId) {
    return backfiller.cancel(connectionId);
  }

  public Optional<BackfillStatus> backfillStatus(String connectionId) {
    return backfiller.status(connectionId);
  }

  /** Blocks until the connection's backfill or reconcile ends. */
  public void awaitBackfill(String connectionId) throws Exception {
    backfiller.await(connectionId);
  }

  /** Forgets cached configuration, schemas and compiled mapping after an admin change. */
  public void invalidate(String connectionId) {
    runtime.invalidate(connectionId);
  }

  /** The connection's source adapter (for admin discovery and previews). */
  public SourceAdapter sourceFor(ConnectionConfig c) {
    return runtime.source(c);
  }

  /** The connection's sink adapter (for admin discovery and previews). */
  public SinkAdapter sinkFor(ConnectionConfig c) {
    return runtime.sink(c);
  }

  public Stores stores() {
    return stores;
  }

  public Clock clock() {
    return clock;
  }

  public WorkerSettings settings() {
    return settings;
  }

  private ConnectionConfig require(String connectionId) {
    return stores
        .connections()
        .find(connectionId)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown connection '" + connectionId + "'"));
  }

  private static void safe(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("sync listener failed: {}", e.toString());
    }
  }

  /** Mutable, not thread-safe; {@link #build()} makes the engine. */
  public static final class Builder {
    private Stores stores;
    private final Map<String, SourceAdapter> sources = new LinkedHashMap<>();
    private final Map<String, SinkAdapter> sinks = new LinkedHashMap<>();
    private MappingCompiler compiler;
    private Clock clock = Clock.systemUTC();
    private SyncListener listener = SyncListener.NONE;
    private WorkerSettings settings = WorkerSettings.ofDefaults();
    private Duration configTtl = Duration.ofSeconds(5);
    private Duration schemaTtl = Duration.ofMinutes(5);
    private String owner;
    private java.util.function.Function<ConnectionConfig, String> webhookUrl;
    private Duration maintenanceInterval = DEFAULT_MAINTENANCE_INTERVAL;
    private Duration doneJobRetention = DEFAULT_DONE_JOB_RETENTION;
    private Duration ingestTimeout = DEFAULT_INGEST_TIMEOUT;

    /**
     * How long {@link SyncEngine#ingest} waits for the store before answering {@link
     * IngestResult.Unavailable}.
     */
    public Builder ingestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("ingestTimeout must be positive");
      }
      this.ingestTimeout = timeout;
      return this;
    }

    private Duration eventLogRetention = DEFAULT_EVENT_LOG_RETENTION;

    /**
     * How long finished jobs and log entries are kept. Keep jobs longer than senders may deliver
     * late: a finished row is what drops a late, older change.
     *
     * @throws IllegalArgumentException when either is not positive
     */
    public Builder retention(Duration doneJobs, Duration eventLog) {
      if (doneJobs.isNegative()
          || doneJobs.isZero()
          || eventLog.isNegative()
          || eventLog.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.doneJobRetention = doneJobs;
      this.eventLogRetention = eventLog;
      return this;
    }

    private Builder() {}

    /**
     * How to build the public URL the source's webhook notifies for a connection, e.g. {@code c ->
     * "https://sync.example.com/sync/hooks/" + c.id() + "/" + token}.
     */
    public Builder webhookUrl(java.util.function.Function<ConnectionConfig, String> resolver) {
      this.webhookUrl = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** How often webhook keepalive runs (SmartSuite needs one at least every 7 days). */
    public Builder maintenanceInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("maintenanceInterval must be positive");
      }
      this.maintenanceInterval = interval;
      return this;
    }

    public Builder stores(Stores stores) {
      this.stores = Objects.requireNonNull(stores, "stores");
      return this;
    }

    /** Registers a source adapter under its {@link SourceAdapter#type()}. */
    public Builder source(SourceAdapter source) {
      sources.put(source.type(), source);
      return this;
    }

    /** Registers a sink adapter under its {@link SinkAdapter#type()}. */
    public Builder sink(SinkAdapter sink) {
      sinks.put(sink.type(), sink);
      return this;
    }

    public Builder mappingCompiler(MappingCompiler compiler) {
      this.compiler = Objects.requireNonNull(compiler, "compiler");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(SyncListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder workers(WorkerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** How long connection configs are cached (ingress reads them per request). */
    public Builder configCacheTtl(Duration ttl) {
      this.configTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** How long source and target schemas are cached. */
    public Builder schemaCacheTtl(Duration ttl) {
      this.schemaTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** The lease owner name of this engine instance (default: pid@host plus a random suffix). */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * @throws NullPointerException when stores or the mapping compiler is missing
     */
    public SyncEngine build() {
      return new SyncEngine(this);
    }
  }
}
