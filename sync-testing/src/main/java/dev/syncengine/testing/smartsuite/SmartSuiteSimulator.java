package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful SmartSuite fake on {@code 127.0.0.1} (random port): tables with schemas, records, the
 * list endpoint with filters, sort and pagination, shared-file URLs, the webhooks service with an
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
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Object lock = new Object();
  private final Map<String, SimTable> tables = new LinkedHashMap<>();
  private final Map<String, SimWebhook> webhooks = new LinkedHashMap<>();
  private final Map<String, String> sharedFiles = new HashMap<>();
  private final List<SimRequest> requests = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private Instant lastStamp = Instant.EPOCH;
  private boolean partialEventData;
  private IdFilter idFilter = IdFilter.HONOURED;
  private LostAnswer lostCreateAnswer;
  private int lostCreateAnswers;

  final String apiKey;
  final String accountId;
  final SimRateGate rateGate;
  final long latencyMillis;
  private final SimPingSender pings;
  private final HttpServer server;
  private final ExecutorService executor;

  private SmartSuiteSimulator(Builder b) {
    this.apiKey = b.apiKey;
    this.accountId = b.accountId;
    this.rateGate = new SimRateGate(b.requestsPerSecond, b.penalty);
    this.latencyMillis = b.latency.toMillis();
    this.pings = new SimPingSender(b.delivery);
    this.partialEventData = b.partialEventData;
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

  /**
   * Creates a table; a {@code title} field is always present.
   *
   * @throws IllegalArgumentException when the table exists
   */
  public void createTable(String solutionId, String tableId, String name, List<SimField> fields) {
    synchronized (lock) {
      if (tables.containsKey(tableId)) {
        throw new IllegalArgumentException("table exists: " + tableId);
      }
      tables.put(tableId, new SimTable(tableId, solutionId, name, fields));
    }
  }

  /**
   * Creates a record from values keyed by field slug (and {@code title}); empty values are left out
   * as SmartSuite does. Records the {@code RECORD_CREATED} event and pings matching webhooks.
   *
   * @return a copy of the stored record with its {@code id}
   */
  public ObjectNode createRecord(String tableId, ObjectNode values) {
    synchronized (lock) {
      SimTable t = table(tableId);
      Instant now = stamp();
      ObjectNode r = NODES.objectNode();
      String id =
          String.format("%08x%016x", 0x64000000L + ids.incrementAndGet(), now.toEpochMilli());
      r.put("id", id);
      r.put("application_id", t.id);
      r.put("title", "");
      r.put("autonumber", ++t.autonumber);
      r.putObject("first_created").put("by", "sim-member").put("on", iso(now));
      r.putObject("last_updated").put("by", "sim-member").put("on", iso(now));
      r.put("deleted_date", "");
      merge(r, values);
      t.records.put(id, r);
      emit(t, "RECORD_CREATED", r, null, values, now);
      return r.deepCopy();
    }
  }

  /**
   * Changes some values of a record ({@code null} removes a value) and records {@code
   * RECORD_UPDATED}.
   *
   * @throws IllegalArgumentException when the record does not exist
   */
  public ObjectNode updateRecord(String tableId, String recordId, ObjectNode changes) {
    synchronized (lock) {
      SimTable t = table(tableId);
      ObjectNode r = record(t, recordId);
      ObjectNode previous = r.deepCopy();
      Instant now = stamp();
      merge(r, changes);
      r.withObjectProperty("last_updated").put("on", iso(now));
      emit(t, "RECORD_UPDATED", r, previous, changes, now);
      return r.deepCopy();
    }
  }

  /**
   * Deletes a record and records {@code RECORD_DELETED}.
   *
   * @throws IllegalArgumentException when the record does not exist
   */
  public void deleteRecord(String tableId, String recordId) {
    synchronized (lock) {
      SimTable t = table(tableId);
      ObjectNode r = record(t, recordId);
      t.records.remove(recordId);
      Instant now = stamp();
      ObjectNode data = NODES.objectNode().put("id", recordId);
      emit(t, "RECORD_DELETED", data, r, null, now);
    }
  }

  public Optional<ObjectNode> record(String tableId, String recordId) {
    synchronized (lock) {
      ObjectNode r = table(tableId).records.get(recordId);
      return Optional.ofNullable(r == null ? null : r.deepCopy());
    }
  }

  /** All records of a table in creation order (copies). */
  public List<ObjectNode> records(String tableId) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      table(tableId).records.values().forEach(r -> out.add(r.deepCopy()));
      return out;
    }
  }

  /** Makes {@code GET /shared-files/{handle}/url/} answer {@code url} for this file handle. */
  public void putSharedFile(String handle, String url) {
    synchronized (lock) {
      sharedFiles.put(handle, url);
    }
  }

  /**
   * Whether event data carries only the changed fields (plus {@code id}) instead of the whole
   * record; SmartSuite does not document which, so adapters must cope with both.
   */
  public void partialEventData(boolean partial) {
    synchronized (lock) {
      this.partialEventData = partial;
    }
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
    synchronized (lock) {
      this.idFilter = Objects.requireNonNull(behaviour, "behaviour");
    }
  }

  // ---- webhooks -----------------------------------------------------------------------------

  /** The ids of all registered webhooks. */
  public List<String> webhookIds() {
    synchronized (lock) {
      return List.copyOf(webhooks.keySet());
    }
  }

  /**
   * Registers a webhook as {@code CreateWebhook} does, without a request (so without spending the
   * rate limit): someone else's webhooks on the same solution, say. Returns its id.
   */
  public String registerWebhook(ObjectNode definition) {
    ObjectNode body = NODES.objectNode();
    body.set("webhook", definition.deepCopy());
    return createWebhook(body).path("webhook_id").asText();
  }

  /**
   * A webhook as the webhooks service shows it ({@code GetWebhooks}' answer).
   *
   * @throws IllegalArgumentException when there is no such webhook
   */
  public ObjectNode webhookJson(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).toJson();
    }
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
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    synchronized (lock) {
      this.lostCreateAnswer = Objects.requireNonNull(how, "how");
      this.lostCreateAnswers = times;
    }
  }

  /** Takes one pending lost-answer fault, or null. */
  LostAnswer takeLostCreateAnswer() {
    synchronized (lock) {
      if (lostCreateAnswers <= 0) {
        return null;
      }
      lostCreateAnswers--;
      return lostCreateAnswer;
    }
  }

  /** Disables a webhook as SmartSuite does after failed deliveries or 7 quiet days. */
  public void disableWebhook(String webhookId) {
    synchronized (lock) {
      webhook(webhookId).enabled = false;
    }
  }

  /** Forgets a webhook and its events as SmartSuite does 7 days after disabling it. */
  public void removeWebhook(String webhookId) {
    synchronized (lock) {
      webhooks.remove(webhookId);
    }
  }

  public boolean webhookEnabled(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).enabled;
    }
  }

  /** Number of events in a webhook's log. */
  public int eventCount(String webhookId) {
    synchronized (lock) {
      return webhook(webhookId).events.size();
    }
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

  // ---- counters -----------------------------------------------------------------------------

  /** Every API request received so far, in arrival order. */
  public List<SimRequest> requests() {
    List<SimRequest> copy;
    synchronized (lock) {
      copy = new ArrayList<>(requests);
    }
    // Requests are recorded as they are answered but stamped as they arrive; concurrent ones are
    // answered out of arrival order, and a sliding window over them needs time order.
    copy.sort(java.util.Comparator.comparing(SimRequest::at));
    return List.copyOf(copy);
  }

  /** How many requests were answered 429. */
  public long rateLimitedCount() {
    return rateLimited.get();
  }

  /** The most requests received within any window of length {@code window}. */
  public int maxRequestsInAnyWindow(Duration window) {
    List<SimRequest> all = requests();
    int max = 0;
    int start = 0;
    for (int end = 0; end < all.size(); end++) {
      Instant limit = all.get(end).at().minus(window);
      while (!all.get(start).at().isAfter(limit)) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  /** Forgets the recorded requests (not the rate limiter's state). */
  public void clearRequests() {
    synchronized (lock) {
      requests.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    pings.close();
  }

  // ---- package-private: the HTTP layer ------------------------------------------------------

  void recordRequest(SimRequest request, boolean limited) {
    if (limited) {
      rateLimited.incrementAndGet();
    }
    synchronized (lock) {
      requests.add(request);
    }
  }

  ObjectNode listRecords(String tableId, JsonNode body, int offset, int limit) {
    synchronized (lock) {
      SimTable t = table(tableId);
      boolean byId = false;
      for (JsonNode f : body.path("filter").path("fields")) {
        byId |= "id".equals(f.path("field").asText());
      }
      JsonNode query = body;
      if (byId && idFilter == IdFilter.REFUSED) {
        throw new SimRecordQuery.BadQuery("field id cannot be filtered");
      }
      if (byId && idFilter == IdFilter.IGNORED) {
        query = ((ObjectNode) body.deepCopy()).without("filter");
      }
      List<ObjectNode> all = SimRecordQuery.apply(new ArrayList<>(t.records.values()), query);
      ObjectNode out = NODES.objectNode();
      out.put("total", all.size()).put("offset", offset).put("limit", limit);
      var items = out.putArray("items");
      for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
        items.add(all.get(i).deepCopy());
      }
      return out;
    }
  }

  ObjectNode getRecord(String tableId, String recordId) {
    synchronized (lock) {
      ObjectNode r = table(tableId).records.get(recordId);
      return r == null ? null : r.deepCopy();
    }
  }

  ObjectNode tableJson(String tableId) {
    synchronized (lock) {
      SimTable t = tables.get(tableId);
      return t == null ? null : t.toJson();
    }
  }

  List<ObjectNode> tablesOf(String solutionId) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      for (SimTable t : tables.values()) {
        if (solutionId == null || t.solutionId.equals(solutionId)) {
          out.add(t.toJson());
        }
      }
      return out;
    }
  }

  String sharedFileUrl(String handle) {
    synchronized (lock) {
      return sharedFiles.get(handle);
    }
  }

  /**
   * {@code CreateWebhook}. The definition is read wrapped in {@code "webhook"} (the shape of
   * update-webhook's example request) or at the top level (create-webhook's Request Body table
   * lists filter, kinds, locator, webhook_id, notification_status there). Answers the bare webhook
   * object: "returns the created webhook object with webhook_id, locator, filter, kinds,
   * created_at, updated_at, notification_status, and system_status".
   */
  ObjectNode createWebhook(JsonNode body) {
    synchronized (lock) {
      JsonNode def = definitionIn(body);
      if (def == null) {
        throw new SimRecordQuery.BadQuery("webhook is required");
      }
      ObjectNode copy = (ObjectNode) def.deepCopy();
      copy.remove(List.of("webhook_id", "system_status", "created_at", "updated_at"));
      SimWebhook w = new SimWebhook(UUID.randomUUID().toString(), copy, Instant.now());
      webhooks.put(w.id, w);
      return w.toJson();
    }
  }

  /** {@code GetWebhooks}: the bare webhook, as get-webhook's Response table lists it. */
  ObjectNode getWebhook(String id) {
    synchronized (lock) {
      SimWebhook w = webhooks.get(id);
      return w == null ? null : w.toJson();
    }
  }

  /** The webhook definition of a create or update request: wrapped or at the top level. */
  private static JsonNode definitionIn(JsonNode body) {
    if (body.path("webhook").isObject()) {
      return body.path("webhook");
    }
    boolean topLevel =
        body.has("filter")
            || body.has("kinds")
            || body.has("locator")
            || body.has("notification_status")
            || body.has("webhook_id");
    return topLevel && body.isObject() ? body : null;
  }

  /** {@code ListWebhooks}: one solution's webhooks, a page at a time. */
  ObjectNode listWebhooks(JsonNode body) {
    String solution = body.path("solution_id").asText("");
    if (solution.isEmpty()) {
      throw new SimRecordQuery.BadQuery("solution_id is required");
    }
    synchronized (lock) {
      List<SimWebhook> of =
          webhooks.values().stream()
              .filter(
                  w -> solution.equals(w.definition.path("locator").path("solution_id").asText()))
              .toList();
      int size = Math.max(1, Math.min(body.path("page_size").asInt(50), 100));
      int from = decodeToken(body.path("page_token").asText(""));
      int to = Math.min(of.size(), from + size);
      ObjectNode out = NODES.objectNode();
      var arr = out.putArray("webhooks");
      for (int i = from; i < to; i++) {
        arr.add(of.get(i).toJson());
      }
      out.put("next_page_token", to < of.size() ? encodeToken(to) : "");
      return out;
    }
  }

  /**
   * {@code UpdateWebhook}: the definition wrapped in {@code "webhook"} as update-webhook's example
   * request shows (top level accepted too). The page documents no answer; answers the bare webhook
   * like {@code GetWebhooks}.
   */
  ObjectNode updateWebhook(JsonNode body) {
    synchronized (lock) {
      JsonNode def = definitionIn(body);
      if (def == null) {
        throw new SimRecordQuery.BadQuery("webhook is required");
      }
      SimWebhook w = webhooks.get(def.path("webhook_id").asText());
      if (w == null) {
        return null;
      }
      ObjectNode copy = (ObjectNode) def.deepCopy();
      copy.remove(List.of("webhook_id", "system_status", "created_at", "updated_at"));
      w.definition.setAll(copy);
      w.updatedAt = Instant.now();
      if (copy.path("notification_status").has("enabled")) {
        w.enabled = true;
        w.lastListedAt = Instant.now();
      }
      return w.toJson();
    }
  }

  boolean deleteWebhook(String id) {
    synchronized (lock) {
      return webhooks.remove(id) != null;
    }
  }

  ObjectNode listEvents(JsonNode body) {
    synchronized (lock) {
      SimWebhook w = webhooks.get(body.path("webhook_id").asText());
      if (w == null) {
        return null;
      }
      w.lastListedAt = Instant.now();
      int size = body.path("page_size").asInt(100);
      size = Math.max(1, Math.min(size, 1000));
      int from = decodeToken(body.path("page_token").asText(""));
      ObjectNode out = NODES.objectNode();
      var events = out.putArray("events");
      int to = Math.min(w.events.size(), from + size);
      for (int i = from; i < to; i++) {
        events.add(w.events.get(i).deepCopy());
      }
      out.put("next_page_token", encodeToken(to));
      return out;
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  private static String encodeToken(int position) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("evt:" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static int decodeToken(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String s =
          new String(
              java.util.Base64.getUrlDecoder().decode(token),
              java.nio.charset.StandardCharsets.UTF_8);
      if (s.startsWith("evt:")) {
        return Integer.parseInt(s.substring(4));
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new SimRecordQuery.BadQuery("invalid page_token");
  }

  private void emit(
      SimTable t,
      String kind,
      ObjectNode record,
      ObjectNode previous,
      ObjectNode changes,
      Instant at) {
    for (SimWebhook w : webhooks.values()) {
      if (!w.matches(t, kind)) {
        continue;
      }
      ObjectNode e = NODES.objectNode();
      e.put("event_id", UUID.randomUUID().toString());
      e.put("kind", kind);
      e.put("event_at", iso(at));
      ObjectNode red = e.putObject("record_event_data");
      red.put("record_id", record.path("id").asText());
      red.putObject("locator")
          .put("account_id", accountId)
          .put("solution_id", t.solutionId)
          .put("application_id", t.id);
      if (partialEventData && changes != null) {
        ObjectNode partial = NODES.objectNode().put("id", record.path("id").asText());
        changes
            .fieldNames()
            .forEachRemaining(
                f -> {
                  JsonNode v = record.get(f);
                  if (v != null) {
                    partial.set(f, v.deepCopy());
                  }
                });
        red.set("data", partial);
      } else {
        red.set("data", record.deepCopy());
      }
      if (previous != null) {
        red.set("previous", previous.deepCopy());
      }
      e.putObject("ctx").put("change_id", UUID.randomUUID().toString()).put("source", "sim");
      w.events.add(e);
      if (w.enabled && w.url() != null) {
        ObjectNode ping = NODES.objectNode().put("webhookId", w.id);
        ping.putObject("locator").put("accountId", accountId).put("solutionId", t.solutionId);
        pings.send(w.url(), ping.toString());
      }
    }
  }

  private static final java.time.format.DateTimeFormatter ISO_MICROS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  /** SmartSuite's timestamp format: always six fraction digits. */
  static String iso(Instant at) {
    return ISO_MICROS.format(at);
  }

  /** Strictly increasing timestamps, so each change has its own {@code last_updated}. */
  private Instant stamp() {
    Instant now = Instant.now();
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plusMillis(1);
    }
    now = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plusMillis(1);
    }
    lastStamp = now;
    return now;
  }

  private static void merge(ObjectNode target, ObjectNode values) {
    Iterator<Map.Entry<String, JsonNode>> it = values.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals("id") || k.equals("application_id")) {
        continue;
      }
      JsonNode v = e.getValue();
      boolean empty =
          v == null
              || v.isNull()
              || (v.isTextual() && v.asText().isEmpty() && !k.equals("title"))
              || (v.isArray() && v.isEmpty())
              || (v.isBoolean() && !v.asBoolean());
      if (empty) {
        target.remove(k);
      } else {
        target.set(k, v.deepCopy());
      }
    }
  }

  private SimTable table(String tableId) {
    SimTable t = tables.get(tableId);
    if (t == null) {
      throw new IllegalArgumentException("no such table: " + tableId);
    }
    return t;
  }

  private static ObjectNode record(SimTable t, String recordId) {
    ObjectNode r = t.records.get(recordId);
    if (r == null) {
      throw new IllegalArgumentException("no such record: " + recordId);
    }
    return r;
  }

  private SimWebhook webhook(String id) {
    SimWebhook w = webhooks.get(id);
    if (w == null) {
      throw new IllegalArgumentException("no such webhook: " + id);
    }
    return w;
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

    private Builder() {}

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
