package dev.syncengine.core;

import dev.syncengine.core.internal.AdminService;
import dev.syncengine.core.internal.Backfiller;
import dev.syncengine.core.internal.Background;
import dev.syncengine.core.internal.BatchProcessor;
import dev.syncengine.core.internal.ConnectionRuntime;
import dev.syncengine.core.internal.Durations;
import dev.syncengine.core.internal.IngestBatcher;
import dev.syncengine.core.internal.Ingress;
import dev.syncengine.core.internal.Maintenance;
import dev.syncengine.core.internal.Problems;
import dev.syncengine.core.internal.StoreInspector;
import dev.syncengine.core.internal.WakeSignal;
import dev.syncengine.core.internal.WorkerPool;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * engine.admin().create(connection);                      // connections, mappings, backfills
 * engine.start();
 * IngestResult r = engine.ingest("products", request);   // from your HTTP handler
 * ...
 * engine.stop();
 * }</pre>
 *
 * <p>Administration goes through {@link #admin()}, reading what is stored through {@link
 * #inspect()}. Thread-safe. {@link #ingest} makes no outbound call: it authenticates, parses and
 * stores.
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  /** What {@link IngestResult.Unavailable} suggests to senders. */
  public static final Duration DEFAULT_UNAVAILABLE_RETRY_AFTER = Ingress.RETRY_AFTER;

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
  private final WorkerSettings settings;
  private final WakeSignal signal = new WakeSignal();
  private final WorkerPool workers;
  private final Backfiller backfiller;
  private final Maintenance maintenance;
  private final Background background;
  private final String owner;
  private final IngestBatcher ingestBatcher;
  private final Ingress ingress;
  private final Problems problems;
  private final ControlPlane admin;
  private final Inspector inspector;
  private final ConnectionRuntime runtime;
  private final TwoWay twoWay;

  private SyncEngine(Builder b) {
    this.stores = Objects.requireNonNull(b.stores, "stores");
    this.clock = b.clock;
    this.settings = b.settings;
    this.owner = b.owner != null ? b.owner : WorkerPool.defaultOwner();
    MappingCompiler compiler = Objects.requireNonNull(b.compiler, "mappingCompiler");
    SyncListener l = b.listener;
    this.problems = new Problems(l, clock);
    this.runtime =
        new ConnectionRuntime(
            stores.connections(), b.sources, b.sinks, compiler, clock, b.configTtl, b.schemaTtl);
    BatchProcessor processor =
        new BatchProcessor(stores, runtime, l, clock, problems, signal::signal);
    this.workers = new WorkerPool(stores.jobs(), processor, settings, signal, l, owner);
    this.backfiller = new Backfiller(stores, runtime, clock, signal::signal, problems);
    this.maintenance =
        new Maintenance(stores, runtime, clock, b.webhookUrl, signal::signal, problems);
    this.ingestBatcher = new IngestBatcher(stores.jobs(), b.ingestTimeout);
    this.ingress = new Ingress(runtime, ingestBatcher, problems, l, clock, signal);
    this.background =
        new Background(
            stores,
            runtime,
            clock,
            maintenance,
            backfiller,
            problems,
            b.doneJobRetention,
            b.eventLogRetention,
            b.maintenanceInterval,
            STALE_BACKFILL);
    this.admin = new AdminService(stores, runtime, backfiller, maintenance, signal::signal, clock);
    this.inspector = new StoreInspector(stores, runtime);
    this.twoWay = new TwoWay(stores, runtime, problems, clock, b.webhookUrl, signal::signal, owner);
    maintenance.alsoMaintain(twoWay::maintain);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every administrative change: connections, mappings, jobs, webhooks, backfills. */
  public ControlPlane admin() {
    return admin;
  }

  /** A read-only view of the connections, queue, id map and sync log, as stored now. */
  public Inspector inspect() {
    return inspector;
  }

  /** Two-way connections: the target's webhook ingress and registration, the target changes. */
  public TwoWay twoWay() {
    return twoWay;
  }

  /**
   * Accepts one webhook delivery for a connection: authenticates and parses it through the
   * connection's source adapter and stores the changes durably before returning. Never throws for
   * bad input or an unavailable store; the result says what happened.
   */
  public IngestResult ingest(String connectionId, IngestRequest request) {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(request, "request");
    return ingress.ingest(connectionId, request);
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

  /**
   * Starts the background workers, webhook upkeep and polling, after queueing the pulls that
   * sources announce for changes made while stopped ({@code SourceSession.catchUp}). Idempotent.
   */
  public synchronized void start() {
    background.start();
    workers.start();
    twoWay.start();
    log.info(
        "sync engine started: {} workers, claim size {}, owner {}",
        settings.concurrency(),
        settings.claimSize(),
        owner);
  }

  /**
   * Stops the workers gracefully: running batches finish within the shutdown timeout, claims left
   * are released for another worker; open adapter sessions are closed. Idempotent.
   */
  public synchronized void stop() {
    background.stop();
    workers.stop();
    twoWay.stop();
    runtime.closeSessions();
  }

  /**
   * What went wrong lately for a connection: the problems this engine instance saw since it started
   * (refused deliveries, failed registrations, upstream errors, the last dead letter), and a
   * webhook registration failure remembered in the webhook status from before a restart. The
   * dead-letter count itself is in the job store ({@code inspect().jobCounts(id)}).
   */
  public ConnectionProblems problems(String connectionId) {
    return problems.of(connectionId, () -> webhookStatus(connectionId));
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
    return background.purge();
  }

  /** Runs webhook upkeep for every connection now (it also runs on a schedule once started). */
  public void maintainNow() {
    maintenance.runAll();
  }

  /**
   * Polls a polling connection now: queues records changed since the last poll.
   *
   * @return how many changes were queued
   * @throws IllegalArgumentException for an unknown connection
   */
  public int pollNow(String connectionId) {
    return maintenance.poll(connectionId);
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
    return workers.runOnce(maxBatches);
  }

  /** {@link #runOnce(int)} with 10 batches. */
  public RunSummary runOnce() {
    return runOnce(10);
  }

  /** Wakes idle workers at once (a database notification, a test). */
  public void wakeUp() {
    signal.signal();
  }

  public Clock clock() {
    return clock;
  }

  public WorkerSettings settings() {
    return settings;
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
    private Duration eventLogRetention = DEFAULT_EVENT_LOG_RETENTION;

    /**
     * How long {@link SyncEngine#ingest} waits for the store before answering {@link
     * IngestResult.Unavailable}.
     */
    public Builder ingestTimeout(Duration timeout) {
      this.ingestTimeout = Durations.positive(timeout, "ingestTimeout");
      return this;
    }

    /**
     * How long finished jobs and log entries are kept. Keep jobs longer than senders may deliver
     * late: a finished row is what drops a late, older change.
     *
     * @throws IllegalArgumentException when either is not positive
     */
    public Builder retention(Duration doneJobs, Duration eventLog) {
      this.doneJobRetention = Durations.positive(doneJobs, "retention");
      this.eventLogRetention = Durations.positive(eventLog, "retention");
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
      this.maintenanceInterval = Durations.positive(interval, "maintenanceInterval");
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
