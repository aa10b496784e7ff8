package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.internal.CmsPaths;
import dev.syncengine.webflow.internal.RequestBodies;
import dev.syncengine.webflow.internal.WebflowHttp;
import dev.syncengine.webflow.internal.WebflowHttp.Kind;
import dev.syncengine.webflow.internal.WebflowJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Webflow Data API v2, CMS part: sites, collections, items (staged and live), publishing.
 *
 * <pre>{@code
 * WebflowClient client = WebflowClient.builder()
 *     .token(System.getenv("WEBFLOW_TOKEN"))
 *     .rateLimitPerMinute(120)
 *     .build();
 * List<WebflowItem> made = client.createItems(collectionId, List.of(NewItem.of(fieldData)), true);
 * }</pre>
 *
 * <p>Every request waits for the token's {@link RateLimiterRegistry rate limiter}. Reads, updates,
 * deletes and publishes are retried on 408, 429, 5xx and transport errors. Creates are retried only
 * when they certainly did not happen; otherwise they throw {@link CreateOutcomeUnknownException}
 * and the caller looks the items up with {@link #findBySlug} before trying again. Failures are
 * {@link WebflowException} subclasses; the token never appears in messages or logs.
 *
 * <p>Thread-safe; build one per token and share it.
 */
public final class WebflowClient {
  public static final String DEFAULT_BASE_URL = "https://api.webflow.com/v2";
  public static final String DEFAULT_USER_AGENT = "syncengine-webflow/0.1";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 60;
  public static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofMinutes(1);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);

  /** Webflow's cap on items per bulk call. */
  public static final int MAX_BULK = CmsPaths.MAX_BULK;

  private final WebflowHttp http;

  WebflowClient(WebflowHttp http) {
    this.http = http;
  }

  public static Builder builder() {
    return new Builder();
  }

  WebflowHttp http() {
    return http;
  }

  /** How long a request sent now would wait for the rate limiter (zero while a slot is free). */
  public Duration untilNextRequest() {
    return http.untilNextRequest();
  }

  /** {@code GET /sites}. */
  public List<WebflowSite> listSites() {
    JsonNode n = http.call("GET", "/sites", Map.of(), null, Kind.IDEMPOTENT);
    List<WebflowSite> out = new ArrayList<>();
    n.path("sites").forEach(s -> out.add(WebflowJson.site(s)));
    return out;
  }

  /** {@code GET /sites/{site_id}/collections}; the collections come without fields. */
  public List<WebflowCollection> listCollections(String siteId) {
    JsonNode n =
        http.call("GET", CmsPaths.site(siteId) + "/collections", Map.of(), null, Kind.IDEMPOTENT);
    List<WebflowCollection> out = new ArrayList<>();
    n.path("collections").forEach(c -> out.add(WebflowJson.collection(c)));
    return out;
  }

  /** {@code GET /collections/{collection_id}}: the collection with its schema. */
  public WebflowCollection getCollection(String collectionId) {
    return WebflowJson.collection(
        http.call("GET", CmsPaths.collection(collectionId), Map.of(), null, Kind.IDEMPOTENT));
  }

  /** {@code GET /collections/{id}/items} or {@code .../items/live}: one page. */
  public ItemPage listItems(String collectionId, ItemQuery query) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("offset", Integer.toString(query.offset()));
    q.put("limit", Integer.toString(query.limit()));
    q.put("slug", query.slug());
    q.put("name", query.name());
    q.put("sortBy", query.sortBy());
    q.put("sortOrder", query.sortOrder());
    JsonNode n =
        http.call("GET", CmsPaths.items(collectionId, query.live()), q, null, Kind.IDEMPOTENT);
    return WebflowJson.page(n);
  }

  /** Every staged (or live) item, page by page. */
  public List<WebflowItem> listAllItems(String collectionId, boolean live) {
    List<WebflowItem> all = new ArrayList<>();
    ItemQuery q = ItemQuery.all().live(live);
    while (true) {
      ItemPage page = listItems(collectionId, q);
      all.addAll(page.items());
      if (!page.hasMore()) {
        return all;
      }
      q = q.withOffset(page.offset() + page.items().size());
    }
  }

  /** The staged item with this exact slug, if any ({@code ?slug=} filter). */
  public Optional<WebflowItem> findBySlug(String collectionId, String slug) {
    Objects.requireNonNull(slug, "slug");
    ItemPage page = listItems(collectionId, ItemQuery.all().withSlug(slug).withLimit(1));
    return page.items().stream().filter(i -> slug.equals(i.slug())).findFirst();
  }

  /** {@code GET /collections/{id}/items/{item_id}} or its live twin. */
  public WebflowItem getItem(String collectionId, String itemId, boolean live) {
    return WebflowJson.item(
        http.call(
            "GET", CmsPaths.item(collectionId, itemId, live), Map.of(), null, Kind.IDEMPOTENT));
  }

  /** Creates one item, staged or live. */
  public WebflowItem createItem(String collectionId, NewItem item, boolean live) {
    JsonNode n =
        http.call(
            "POST",
            CmsPaths.items(collectionId, live),
            Map.of(),
            WebflowJson.newItem(item),
            Kind.CREATE);
    return WebflowJson.item(n);
  }

  /**
   * Creates up to 100 items in one request ({@code POST .../items} or {@code .../items/live} with
   * {@code {items:[...]}}); returns them as created, in Webflow's order.
   *
   * @throws CreateOutcomeUnknownException when the items may or may not exist now
   */
  public List<WebflowItem> createItems(String collectionId, List<NewItem> items, boolean live) {
    CmsPaths.checkBulk(items.size());
    return WebflowJson.items(
        http.call(
            "POST",
            CmsPaths.items(collectionId, live),
            Map.of(),
            RequestBodies.newItems(items),
            Kind.CREATE));
  }

  /**
   * {@code POST /collections/{id}/items/bulk}: up to 100 items sharing one draft flag, optionally
   * in several locales.
   */
  public List<WebflowItem> createItemsBulk(
      String collectionId, List<ObjectNode> fieldData, boolean isDraft, List<String> cmsLocaleIds) {
    CmsPaths.checkBulk(fieldData.size());
    ObjectNode body = RequestBodies.bulkCreate(fieldData, isDraft, cmsLocaleIds);
    return WebflowJson.items(
        http.call(
            "POST",
            CmsPaths.collection(collectionId) + "/items/bulk",
            Map.of(),
            body,
            Kind.CREATE));
  }

  /** Updates up to 100 items, staged or live (live fails with 409 for never-published items). */
  public List<WebflowItem> updateItems(
      String collectionId, List<ItemUpdate> updates, boolean live) {
    CmsPaths.checkBulk(updates.size());
    ObjectNode body = RequestBodies.updates(updates);
    return WebflowJson.items(
        http.call("PATCH", CmsPaths.items(collectionId, live), Map.of(), body, Kind.IDEMPOTENT));
  }

  /** Updates one item, staged or live. */
  public WebflowItem updateItem(String collectionId, ItemUpdate update, boolean live) {
    ObjectNode body = WebflowJson.update(update);
    body.remove("id");
    return WebflowJson.item(
        http.call(
            "PATCH",
            CmsPaths.item(collectionId, update.id(), live),
            Map.of(),
            body,
            Kind.IDEMPOTENT));
  }

  /** Deletes up to 100 items ({@code DELETE .../items}). */
  public void deleteItems(String collectionId, List<String> itemIds) {
    CmsPaths.checkBulk(itemIds.size());
    http.call(
        "DELETE",
        CmsPaths.items(collectionId, false),
        Map.of(),
        WebflowJson.idList(itemIds),
        Kind.IDEMPOTENT);
  }

  /** Deletes one item. */
  public void deleteItem(String collectionId, String itemId) {
    http.call(
        "DELETE", CmsPaths.item(collectionId, itemId, false), Map.of(), null, Kind.IDEMPOTENT);
  }

  /** Unpublishes up to 100 items ({@code DELETE .../items/live}); they stay as drafts. */
  public void unpublishItems(String collectionId, List<String> itemIds) {
    CmsPaths.checkBulk(itemIds.size());
    http.call(
        "DELETE",
        CmsPaths.items(collectionId, true),
        Map.of(),
        WebflowJson.idList(itemIds),
        Kind.IDEMPOTENT);
  }

  /** Unpublishes one item. */
  public void unpublishItem(String collectionId, String itemId) {
    http.call("DELETE", CmsPaths.item(collectionId, itemId, true), Map.of(), null, Kind.IDEMPOTENT);
  }

  /** Publishes up to 100 staged items; the answer lists what went live and any errors. */
  public PublishResult publishItems(String collectionId, List<String> itemIds) {
    CmsPaths.checkBulk(itemIds.size());
    ObjectNode body = RequestBodies.publishItems(itemIds);
    return WebflowJson.publishResult(
        http.call(
            "POST",
            CmsPaths.collection(collectionId) + "/items/publish",
            Map.of(),
            body,
            Kind.IDEMPOTENT));
  }

  /**
   * Publishes the whole site (Webflow allows one per minute) to the given custom domains and/or the
   * webflow.io subdomain.
   */
  public void publishSite(String siteId, List<String> customDomainIds, boolean webflowSubdomain) {
    ObjectNode body = RequestBodies.publishSite(customDomainIds, webflowSubdomain);
    http.call("POST", CmsPaths.site(siteId) + "/publish", Map.of(), body, Kind.SITE_PUBLISH);
  }

  /** The site webhook registrations (two-way sync), on this client's token and limiter. */
  public WebflowWebhookApi webhooks() {
    return new WebflowWebhookApi(http);
  }

  @Override
  public String toString() {
    return "WebflowClient";
  }

  /** Mutable, not thread-safe; {@link #build()} makes an immutable client. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String token;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private String userAgent = DEFAULT_USER_AGENT;
    private int rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
    private Duration rateLimitWindow = DEFAULT_RATE_LIMIT_WINDOW;
    private RateLimiterRegistry rateLimiters = RateLimiterRegistry.jvmShared();
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private Clock clock = Clock.systemUTC();
    private OkHttpClient okHttpClient;

    private Builder() {}

    /** Where the API lives, e.g. a simulator's URL; default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (HttpUrl.parse(baseUrl) == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The site API token or OAuth access token (required). */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for a response once the request is sent. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /** The plan's limit until Webflow's {@code X-RateLimit-Limit} says otherwise; default 60. */
    public Builder rateLimitPerMinute(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("rateLimitPerMinute must be >= 1");
      }
      this.rateLimitPerMinute = limit;
      return this;
    }

    /** The rate-limit window; one minute at Webflow, shorter against a sped-up simulator. */
    public Builder rateLimitWindow(Duration window) {
      this.rateLimitWindow = positive(window, "rateLimitWindow");
      return this;
    }

    /** Which limiters this client shares; default {@link RateLimiterRegistry#jvmShared()}. */
    public Builder rateLimiters(RateLimiterRegistry registry) {
      this.rateLimiters = Objects.requireNonNull(registry, "rateLimiters");
      return this;
    }

    /** Retries of retryable calls after the first attempt; default 3. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** First backoff delay between retries (grows exponentially, with jitter); default 500 ms. */
    public Builder retryDelay(Duration delay) {
      this.retryDelay = positive(delay, "retryDelay");
      return this;
    }

    /** Used to read {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** An OkHttp client to derive from (shares its connection pool and dispatcher). */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no token was set
     */
    public WebflowClient build() {
      return template().client(token);
    }

    /** These settings without the token: what {@link WebflowSink} derives its clients from. */
    ClientTemplate template() {
      return new ClientTemplate(
          WebflowHttp.derive(okHttpClient, connectTimeout, readTimeout),
          HttpUrl.get(baseUrl),
          userAgent,
          rateLimiters,
          rateLimitPerMinute,
          rateLimitWindow,
          clock,
          maxRetries,
          retryDelay);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
