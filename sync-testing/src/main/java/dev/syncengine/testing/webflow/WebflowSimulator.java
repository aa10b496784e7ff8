package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful, in-process Webflow CMS v2 server on {@code 127.0.0.1}: sites, collections with
 * schemas, items with staged and live state, unique slugs, required fields and field types, bulk
 * limits (100), pagination and filters, rate limiting with Webflow's headers and 429 body, and
 * injectable {@link Fault faults}. Bulk operations are all-or-nothing: one bad item fails the
 * request with {@code 400 validation_error}, the least forgiving reading of Webflow's behaviour.
 *
 * <pre>{@code
 * try (WebflowSimulator sim = WebflowSimulator.builder()
 *     .rateLimit(60, Duration.ofSeconds(1)).start()) {
 *   String site = sim.createSite("Shop");
 *   String products = sim.createCollection(site, "Products", List.of(SimField.optional("price", "Number")));
 *   WebflowClient client = WebflowClient.builder().baseUrl(sim.baseUrl()).token("any").build();
 *   ...
 *   assertThat(sim.items(products)).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe; serves thousands of requests per second.
 */
public final class WebflowSimulator implements AutoCloseable {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs
    // every keep-alive response then waits ~40 ms. Read once, when the server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Set<String> tokens;
  private final SimRateLimiter rateLimiter;
  private final long baseLatencyMillis;
  private final boolean recording;
  private final boolean reserveDeletedSlugs;
  private final AtomicInteger idCounter = new AtomicInteger();
  private final String idPrefix;
  private final ConcurrentMap<String, ObjectNode> sites = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SimCollection> collections = new ConcurrentHashMap<>();
  private final SimSitePublishes sitePublishes;
  private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());
  private final SimCounters counters = new SimCounters();
  private final SimFaults faults;
  private final SimPlanLimits planLimits = new SimPlanLimits();
  private final SimWebhooks webhooks = new SimWebhooks(this);
  private final SimLocales locales = new SimLocales(this);

  private WebflowSimulator(Builder b) {
    this.tokens = Set.copyOf(b.tokens);
    this.rateLimiter = new SimRateLimiter(b.rateLimit, b.window.toNanos());
    this.sitePublishes = new SimSitePublishes(b.clock, b.window);
    this.baseLatencyMillis = b.latency.toMillis();
    this.recording = b.recordRequests;
    this.reserveDeletedSlugs = b.reserveDeletedSlugs;
    this.faults = new SimFaults(b.seed, counters);
    this.idPrefix = String.format("%08x", (int) (b.seed ^ System.identityHashCode(this)));
    try {
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", b.port), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the Webflow simulator", e);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "webflow-sim-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", new SimHttpHandler(this));
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API base URL to give a client, e.g. {@code http://127.0.0.1:41234/v2}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v2";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a site; returns its id. */
  public String createSite(String displayName) {
    String id = newId();
    sites.put(id, SimSites.json(id, idPrefix + "0000000000000000", displayName));
    return id;
  }

  /**
   * Adds a collection; {@code name} and {@code slug} fields are added unless given. Returns its id.
   *
   * @throws IllegalArgumentException for an unknown site
   */
  public String createCollection(String siteId, String displayName, List<SimField> fields) {
    if (!sites.containsKey(siteId)) {
      throw new IllegalArgumentException("no site " + siteId);
    }
    String slug = displayName.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    return addCollection(siteId, displayName, slug, List.copyOf(fields)).id;
  }

  synchronized SimCollection addCollection( // also for SimSchemaRoutes
      String siteId, String displayName, String slug, List<SimField> fields) {
    String id = newId();
    SimCollection c =
        new SimCollection(
            id, siteId, displayName, slug, fields, this::newId, reserveDeletedSlugs, planLimits);
    collections.put(id, c);
    return c;
  }

  /** Edits a collection's schema behind the API's back, as a person in the Designer would. */
  public SimSchemaEdits schema(String collectionId) {
    return new SimSchemaEdits(collection(collectionId));
  }

  /** The sites' secondary locales and the items' variants in them. */
  public SimLocales locales() {
    return locales;
  }

  /** Staged items of a collection, in creation order. */
  public List<SimItem> items(String collectionId) {
    return collection(collectionId).views(false);
  }

  /** Published items of a collection. */
  public List<SimItem> liveItems(String collectionId) {
    return collection(collectionId).views(true);
  }

  /** Creates an item directly (as a person in the Designer would); returns its id. */
  public String seedItem(String collectionId, ObjectNode fieldData, boolean live) {
    ObjectNode r = F.objectNode();
    r.set("fieldData", fieldData.deepCopy());
    r.put("isDraft", false);
    return collection(collectionId).create(List.of(r), live, SimCollection.now()).get(0).id;
  }

  /** Deletes an item directly, behind the API's back. */
  public void removeItem(String collectionId, String itemId) {
    collection(collectionId).removeDirectly(itemId);
  }

  /** The site plan's CMS limits every collection enforces; change them at any time. */
  public SimPlanLimits planLimits() {
    return planLimits;
  }

  /** Adds a fault rule; rules are tried in the order added, the first that acts wins. */
  public void addFault(Fault fault) {
    faults.add(fault);
  }

  public void clearFaults() {
    faults.clear();
  }

  private volatile SimWriteListener writeListener;

  /** Sets (or with null, removes) the listener told of every item write, e.g. to measure lag. */
  public void onWrite(SimWriteListener listener) {
    this.writeListener = listener;
  }

  SimWriteListener writeListener() {
    return writeListener;
  }

  /** Webhook registrations and deliveries (two-way sync tests). */
  public SimWebhooks webhooks() {
    return webhooks;
  }

  public SimStats stats() {
    return counters.stats();
  }

  public void resetStats() {
    counters.reset();
  }

  /** Requests received so far, when built with {@link Builder#recordRequests(boolean)}. */
  public List<RecordedRequest> recordedRequests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    webhooks.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- for the handler ----

  SimCollection collection(String id) {
    SimCollection c = collections.get(id);
    if (c == null) {
      throw SimError.notFound("collection_not_found", "Collection not found: " + id);
    }
    return c;
  }

  JsonNode sitesJson() {
    ObjectNode o = F.objectNode();
    ArrayNode arr = o.putArray("sites");
    sites.values().forEach(arr::add);
    return o;
  }

  JsonNode siteJson(String id) {
    ObjectNode s = sites.get(id);
    if (s == null) {
      throw SimError.notFound("site_not_found", "Site not found: " + id);
    }
    return s;
  }

  java.util.Collection<SimCollection> collections() {
    return collections.values();
  }

  JsonNode collectionsJson(String siteId) {
    siteJson(siteId);
    ObjectNode o = F.objectNode();
    ArrayNode arr = o.putArray("collections");
    collections.values().stream()
        .filter(c -> c.siteId.equals(siteId))
        .forEach(c -> arr.add(c.summaryJson()));
    return o;
  }

  void publishSite(String siteId) {
    siteJson(siteId);
    Instant at = sitePublishes.publish(siteId);
    collections.values().stream()
        .filter(c -> c.siteId.equals(siteId))
        .forEach(c -> c.publishSite(at));
  }

  boolean acceptsToken(String token) {
    return tokens.isEmpty() ? !token.isBlank() : tokens.contains(token);
  }

  SimRateLimiter rateLimiter() {
    return rateLimiter;
  }

  long baseLatencyMillis() {
    return baseLatencyMillis;
  }

  SimCounters counters() {
    return counters;
  }

  SimFaults faults() {
    return faults;
  }

  void record(RecordedRequest r) {
    if (recording) {
      recorded.add(r);
    }
  }

  String newId() {
    return idPrefix + String.format("%016x", idCounter.incrementAndGet());
  }

  /** Mutable, not thread-safe; {@link #start()} binds and starts the server. */
  public static final class Builder {
    private int port;
    private int rateLimit = 60;
    private Duration window = Duration.ofMinutes(1);
    private Duration latency = Duration.ZERO;
    private final Set<String> tokens = new HashSet<>();
    private boolean recordRequests;
    private long seed = 42;
    private boolean reserveDeletedSlugs;
    private java.time.Clock clock;

    private Builder() {}

    /** The clock that times site publishes (one per window); default the system's. */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Keep the slug of an item deleted through the API taken until the site is next published, as
     * Webflow is reported to do (a create or rename to it answers the duplicate-slug 400, while
     * listings no longer show the item). Default off.
     */
    public Builder reserveDeletedSlugs(boolean on) {
      this.reserveDeletedSlugs = on;
      return this;
    }

    /** The port on 127.0.0.1; default 0 (any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Requests per window per token (default 60 per minute); 0 turns rate limiting off. Shrink the
     * window to make tests fast: 60 per second behaves like 60 per minute, sixty times faster.
     */
    public Builder rateLimit(int requestsPerWindow, Duration window) {
      if (requestsPerWindow < 0 || window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("rate limit must be >= 0 per positive window");
      }
      this.rateLimit = requestsPerWindow;
      this.window = window;
      return this;
    }

    /** Delay before every answer (default none). */
    public Builder latency(Duration latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** Accept only these tokens (default: any non-blank token). */
    public Builder tokens(String... accepted) {
      tokens.addAll(List.of(accepted));
      return this;
    }

    /** Keep every request for {@link #recordedRequests()} (default off). */
    public Builder recordRequests(boolean on) {
      this.recordRequests = on;
      return this;
    }

    /** Seed for fault probabilities (default 42), so test runs repeat. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public WebflowSimulator start() {
      return new WebflowSimulator(this);
    }
  }
}
