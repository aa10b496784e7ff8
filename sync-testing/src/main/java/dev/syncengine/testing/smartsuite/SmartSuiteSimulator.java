package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A stateful SmartSuite fake on {@code 127.0.0.1} (random port): tables with schemas, records, the
 * list endpoint with filters, sort and pagination, record writes (update, bulk, create, delete)
 * with injectable faults ({@link #writeFaults()}), shared-file URLs, the webhooks service with an
 * event log behind {@code ListEvents} and asynchronous ping delivery, and the 5 requests/second
 * limit with its 30-second penalty (both configurable so tests run fast).
 *
 * <pre>{@code
 * try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("k").accountId("acc1").start()) {
 *   sim.createTable("sol1", "tbl1", "Products", List.of(SimField.of("s_price", "Price", "currencyfield")));
 *   ObjectNode rec = sim.createRecord("tbl1", json("{\"title\":\"Mug\",\"s_price\":\"9.50\"}"));
 *   client = SmartSuiteClient.builder().baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl())...
 * }
 * }</pre>
 *
 * <p>Thread-safe: every state change happens under one lock, pings leave from their own threads.
 */
public final class SmartSuiteSimulator implements AutoCloseable {
  /** SmartSuite's documented limit: requests per second per API key. */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 5;

  /** SmartSuite's documented penalty after exceeding the limit. */
  public static final Duration DEFAULT_PENALTY = Duration.ofSeconds(30);

  static final ObjectMapper JSON = new ObjectMapper();

  private final Object lock = new Object();
  private final SimRequestLog log = new SimRequestLog();
  private final SimWebhookService webhooks;
  private final SimTables tables;
  private final SimRecordWrites writes;
  private final SimWriteFaults writeFaults = new SimWriteFaults();

  final String apiKey;
  final String accountId;
  final SimRateGate rateGate;
  final long latencyMillis;
  final Clock clock;
  private final SimPingSender pings;
  private final HttpServer server;
  private final ExecutorService executor;

  private SmartSuiteSimulator(Builder b) {
    this.apiKey = b.apiKey;
    this.accountId = b.accountId;
    this.rateGate = new SimRateGate(b.requestsPerSecond, b.penalty);
    this.latencyMillis = b.latency.toMillis();
    this.clock = b.clock;
    this.pings = new SimPingSender(b.delivery);
    this.webhooks = new SimWebhookService(lock, b.accountId, pings, b.partialEventData);
    this.tables = new SimTables(lock, webhooks);
    this.writes = new SimRecordWrites(lock, tables);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "smartsuite-sim-http");
              t.setDaemon(true);
              return t;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", new SimHttpApi(this));
    server.setExecutor(executor);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The REST base, e.g. {@code http://127.0.0.1:PORT/api/v1/}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/";
  }

  /** The webhooks service base; methods live under {@code smartsuite.webhooks.engine.Webhooks/}. */
  public String webhooksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/";
  }

  public String apiKey() {
    return apiKey;
  }

  public String accountId() {
    return accountId;
  }

  // ---- tables and records -------------------------------------------------------------------

  /** Creates a table with a {@code title} field; {@link IllegalArgumentException} if it exists. */
  public void createTable(String solutionId, String tableId, String name, List<SimField> fields) {
    tables.createTable(solutionId, tableId, name, fields);
  }

  /** Changes a table's fields (renamed, retyped, deleted) as a person in SmartSuite would. */
  public void changeFields(String tableId, UnaryOperator<List<SimField>> change) {
    tables.changeFields(tableId, change);
  }

  /**
   * Creates a record from values keyed by field slug (and {@code title}); empty values are left out
   * as SmartSuite does. Records the {@code RECORD_CREATED} event and pings matching webhooks.
   *
   * @return a copy of the stored record with its {@code id}
   */
  public ObjectNode createRecord(String tableId, ObjectNode values) {
    return tables.createRecord(tableId, values);
  }

  /**
   * Changes some values of a record ({@code null} removes a value) as a person in SmartSuite's UI
   * does: no request, so no rate budget and no fault; records {@code RECORD_UPDATED} with a new
   * {@code last_updated.on} and pings matching webhooks, as for any change.
   *
   * @throws IllegalArgumentException when the record does not exist
   */
  public ObjectNode updateRecord(String tableId, String recordId, ObjectNode changes) {
    return tables.updateRecord(tableId, recordId, changes);
  }

  /** Deletes a record as in the UI, records {@code RECORD_DELETED}, pings; IAE if none. */
  public void deleteRecord(String tableId, String recordId) {
    tables.deleteRecord(tableId, recordId);
  }

  public Optional<ObjectNode> record(String tableId, String recordId) {
    return tables.record(tableId, recordId);
  }

  /** All records of a table in creation order (copies). */
  public List<ObjectNode> records(String tableId) {
    return tables.records(tableId);
  }

  /** Makes {@code GET /shared-files/{handle}/url/} answer {@code url} for this file handle. */
  public void putSharedFile(String handle, String url) {
    tables.putSharedFile(handle, url);
  }

  /**
   * Whether event data carries only the changed fields and {@code id} (SmartSuite does not say).
   */
  public void partialEventData(boolean partial) {
    webhooks.partialEventData(partial);
  }

  /** How the list endpoint treats a filter on the record {@code id}: SmartSuite does not say. */
  public enum IdFilter {
    /** Filters by id like any other field. */
    HONOURED,
    /** Answers 400. */
    REFUSED,
    /** Leaves the filter out and lists every record. */
    IGNORED
  }

  /** How a filter on {@code id} is treated from now on; default {@link IdFilter#HONOURED}. */
  public void idFilter(IdFilter behaviour) {
    tables.idFilter(behaviour);
  }

  // ---- webhooks -----------------------------------------------------------------------------

  /** The ids of all registered webhooks. */
  public List<String> webhookIds() {
    return webhooks.webhookIds();
  }

  /**
   * Registers a webhook as {@code CreateWebhook} does, without a request (so without spending the
   * rate limit): someone else's webhooks on the same solution, say. Returns its id.
   */
  public String registerWebhook(ObjectNode definition) {
    ObjectNode body = JSON.createObjectNode().set("webhook", definition.deepCopy());
    return webhooks.createWebhook(body).path("webhook_id").asText();
  }

  /** A webhook as {@code GetWebhooks} shows it; IllegalArgumentException when there is none. */
  public ObjectNode webhookJson(String webhookId) {
    return webhooks.webhookJson(webhookId);
  }

  /** How a {@code CreateWebhook} answer is lost after the webhook was created and stored. */
  public enum LostAnswer {
    /** The connection is closed without an answer. */
    CONNECTION_CLOSED,
    /** HTTP 500, as a gateway would answer for a service that timed out. */
    SERVER_ERROR,
    /** HTTP 200 with a body that is not JSON. */
    GARBAGE,
    /** The answer is held for {@link #LOST_ANSWER_DELAY}, longer than a client should wait. */
    TIMEOUT
  }

  /** How long a {@link LostAnswer#TIMEOUT} answer is held back. */
  public static final Duration LOST_ANSWER_DELAY = Duration.ofSeconds(3);

  /**
   * Fault hook: the next {@code times} {@code CreateWebhook} calls create and store their webhook
   * as usual, then lose the answer {@code how}. Lets tests prove registration is idempotent.
   */
  public void loseCreateWebhookAnswers(LostAnswer how, int times) {
    webhooks.loseCreateWebhookAnswers(how, times);
  }

  /** As {@link #loseCreateWebhookAnswers}, for record creates ({@link #writeFaults()}). */
  public void loseCreateRecordAnswers(LostAnswer how, int times) {
    if (times > 0) {
      writeFaults.lose(how, times, SimWrite.CREATE, SimWrite.BULK_CREATE);
    }
  }

  /** Faults on record writes (updates, bulk updates, creates, deletes): 5xx, 429, lost answers. */
  public SimWriteFaults writeFaults() {
    return writeFaults;
  }

  /** Disables a webhook as SmartSuite does after failed deliveries or 7 quiet days. */
  public void disableWebhook(String webhookId) {
    webhooks.disableWebhook(webhookId);
  }

  /** Forgets a webhook and its events as SmartSuite does 7 days after disabling it. */
  public void removeWebhook(String webhookId) {
    webhooks.removeWebhook(webhookId);
  }

  public boolean webhookEnabled(String webhookId) {
    return webhooks.webhookEnabled(webhookId);
  }

  /** Number of events in a webhook's log. */
  public int eventCount(String webhookId) {
    return webhooks.eventCount(webhookId);
  }

  /** Waits until every scheduled ping has been delivered (or failed). */
  public boolean awaitPingsDelivered(Duration timeout) throws InterruptedException {
    return pings.awaitIdle(timeout);
  }

  public long pingsDelivered() {
    return pings.delivered();
  }

  public long pingsFailed() {
    return pings.failed();
  }

  /** Sets (or with null, removes) the listener told of every record an API request wrote. */
  public void onWrite(SimRecordListener listener) {
    writes.listener(listener);
  }

  // ---- counters -----------------------------------------------------------------------------

  /** Every API request received so far, in arrival order. */
  public List<SimRequest> requests() {
    return log.requests();
  }

  /** How many requests were answered 429. */
  public long rateLimitedCount() {
    return log.rateLimitedCount();
  }

  /** The most requests received within any window of length {@code window}. */
  public int maxRequestsInAnyWindow(Duration window) {
    return log.maxRequestsInAnyWindow(window);
  }

  /** Forgets the recorded requests (not the rate limiter's state). */
  public void clearRequests() {
    log.clearRequests();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    pings.close();
  }

  // ---- package-private: the HTTP layer ------------------------------------------------------

  SimTables tables() {
    return tables;
  }

  SimWebhookService webhooks() {
    return webhooks;
  }

  SimRecordWrites writes() {
    return writes;
  }

  SimRequestLog log() {
    return log;
  }

  /** Mutable, not thread-safe. */
  public static final class Builder {
    private String apiKey = "sim-api-key";
    private String accountId = "simacct1";
    private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private Duration penalty = DEFAULT_PENALTY;
    private SimWebhookDelivery delivery = SimWebhookDelivery.once();
    private boolean partialEventData;
    private Duration latency = Duration.ZERO;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The clock that stamps API requests, for the rate limit and {@link
     * SmartSuiteSimulator#maxRequestsInAnyWindow} (default the system clock). A {@code TestClock}
     * that the client's rate limiter also waits on runs a rate-limited test on virtual time.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long each API request takes before it is answered (a real server's round trip). */
    public Builder latency(Duration latency) {
      if (Objects.requireNonNull(latency, "latency").isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /** The only API key the simulator accepts. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** The only {@code ACCOUNT-ID} the simulator accepts. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** Requests per second per key before 429; 0 turns the limit off. */
    public Builder requestsPerSecond(int requestsPerSecond) {
      if (requestsPerSecond < 0) {
        throw new IllegalArgumentException("requestsPerSecond must not be negative");
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /** How long every request fails after the limit was exceeded. */
    public Builder penalty(Duration penalty) {
      this.penalty = Objects.requireNonNull(penalty, "penalty");
      return this;
    }

    public Builder delivery(SimWebhookDelivery delivery) {
      this.delivery = Objects.requireNonNull(delivery, "delivery");
      return this;
    }

    public Builder partialEventData(boolean partial) {
      this.partialEventData = partial;
      return this;
    }

    /** Starts the HTTP server on a free port of 127.0.0.1. */
    public SmartSuiteSimulator start() {
      return new SmartSuiteSimulator(this);
    }
  }
}
