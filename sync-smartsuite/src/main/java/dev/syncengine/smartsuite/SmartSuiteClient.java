package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.smartsuite.internal.Answers;
import dev.syncengine.smartsuite.internal.RequestBodies;
import dev.syncengine.smartsuite.internal.SmartSuiteHttp;
import dev.syncengine.smartsuite.internal.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * SmartSuite REST and webhooks-service client for one API key and workspace. Sends {@code
 * Authorization: Token} and {@code ACCOUNT-ID} on every call, keeps to the per-key rate limit
 * shared by every client in the JVM, stops for the penalty after a 429, and retries idempotent
 * calls with backoff on network errors and 5xx.
 *
 * <pre>{@code
 * SmartSuiteClient client = SmartSuiteClient.builder()
 *     .apiKey(key).accountId("wsp12345")
 *     .build();
 * RecordListPage page = client.listRecords("tbl1", RecordQuery.all(), 0, 100);
 * }</pre>
 *
 * <p>Thread-safe; share one instance per key.
 */
public final class SmartSuiteClient {
  public static final String DEFAULT_BASE_URL = "https://app.smartsuite.com/api/v1/";
  public static final String DEFAULT_WEBHOOKS_URL = "https://webhooks.smartsuite.com/";
  public static final int DEFAULT_REQUESTS_PER_SECOND = 5;
  public static final Duration DEFAULT_PENALTY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_RATE_WAIT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  private static final int WEBHOOK_PAGE_SIZE = 50;

  private final HttpUrl baseUrl;
  private final String accountId;
  private final SmartSuiteHttp http;
  private final RecordWrites writes;

  SmartSuiteClient(SmartSuiteHttp.Settings settings, Ticker ticker) {
    this.baseUrl = settings.baseUrl();
    this.accountId = settings.accountId();
    this.http = new SmartSuiteHttp(settings, ticker);
    this.writes = new RecordWrites(http);
  }

  /** Record writes (update, bulk update, create, delete), sharing this client's rate limit. */
  public RecordWrites writes() {
    return writes;
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- records and tables -------------------------------------------------------------------

  /**
   * Lists records ({@code POST /applications/{tableId}/records/list/}).
   *
   * @throws SmartSuiteApiException when the call fails (after retries)
   */
  public RecordListPage listRecords(String tableId, RecordQuery query, int offset, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1-1000: " + limit);
    }
    HttpUrl url =
        http.rest("applications", tableId, "records", "list", "")
            .newBuilder()
            .addQueryParameter("offset", Integer.toString(offset))
            .addQueryParameter("limit", Integer.toString(limit))
            .build();
    ObjectNode body = RequestBodies.listRecords(query);
    JsonNode res = http.post(url, body);
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode item : res.path("items")) {
      if (item.isObject()) {
        items.add((ObjectNode) item);
      }
    }
    return new RecordListPage(
        res.path("total").asLong(items.size()), res.path("offset").asInt(offset), items);
  }

  /**
   * Fetches one record ({@code GET /applications/{tableId}/records/{id}/}).
   *
   * @throws SmartSuiteApiException when it fails; {@link SmartSuiteApiException#isNotFound()} when
   *     the record does not exist
   */
  public ObjectNode getRecord(String tableId, String recordId, boolean hydrated) {
    HttpUrl url = http.rest("applications", tableId, "records", recordId, "");
    if (hydrated) {
      url = url.newBuilder().addQueryParameter("hydrated", "true").build();
    }
    return Answers.object(http.get(url));
  }

  /** The table's schema ({@code GET /applications/{tableId}/}). */
  public ObjectNode getTable(String tableId) {
    return Answers.object(http.get(http.rest("applications", tableId, "")));
  }

  /** The tables of a solution ({@code GET /applications/?solution=}), or of every solution. */
  public List<ObjectNode> listTables(String solutionId) {
    HttpUrl.Builder b = http.rest("applications", "").newBuilder();
    if (solutionId != null) {
      b.addQueryParameter("solution", solutionId);
    }
    HttpUrl url = b.build();
    JsonNode res = http.get(url);
    return Answers.items(res);
  }

  /** The solutions the key can see ({@code GET /solutions/}). */
  public List<ObjectNode> listSolutions() {
    JsonNode res = http.get(http.rest("solutions", ""));
    return Answers.items(res);
  }

  /** A public URL for a file handle ({@code GET /shared-files/{handle}/url/}). */
  public SharedFileUrl sharedFileUrl(String handle) {
    return Answers.sharedFileUrl(http.get(http.rest("shared-files", handle, "url", "")));
  }

  // ---- webhooks service ---------------------------------------------------------------------

  /**
   * {@code CreateWebhook}; returns the created webhook (with {@code webhook_id}). Not retried: a
   * lost answer may still mean SmartSuite created it, so callers must look before creating again.
   *
   * <p>Sends {@code {"webhook": definition}}: the create-webhook page lists the definition's params
   * without showing their envelope, and update-webhook's example request wraps the same params in
   * {@code "webhook"}. Reads the answer as the create-webhook page describes it ("returns the
   * created webhook object with webhook_id, locator, filter, kinds, ...": bare), and also wrapped
   * in {@code {"webhook": ...}}.
   *
   * @throws SmartSuiteApiException when the call fails or the answer carries no {@code webhook_id}
   */
  public ObjectNode createWebhook(ObjectNode webhook) {
    ObjectNode created =
        Answers.webhookIn(http.webhooks("CreateWebhook", RequestBodies.webhook(webhook), false));
    if (created == null || created.path("webhook_id").asText("").isEmpty()) {
      throw Answers.badResponse("SmartSuite CreateWebhook answered no webhook_id");
    }
    return created;
  }

  /**
   * {@code GetWebhooks} (SmartSuite's name for fetching one webhook by id); throws with {@link
   * SmartSuiteApiException#isNotFound()} when unknown. The get-webhook page documents the answer
   * bare (its Response table lists webhook_id, locator, filter, ... at the top); wrapped in {@code
   * {"webhook": ...}} is read too.
   */
  public ObjectNode getWebhook(String webhookId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("webhook_id", webhookId);
    return Answers.requiredWebhook(http.webhooks("GetWebhooks", body, true), "GetWebhooks");
  }

  /**
   * {@code ListWebhooks}: every webhook registered on one solution, all pages. The docs we hold
   * show no list-webhooks page; reads {@code {"webhooks": [...], "next_page_token"}} (the shape
   * list-events uses for its pages), {@code {"items": [...]}} or a bare array.
   */
  public List<ObjectNode> listWebhooks(String solutionId) {
    Objects.requireNonNull(solutionId, "solutionId");
    List<ObjectNode> out = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = "";
    do {
      ObjectNode body =
          JsonNodeFactory.instance
              .objectNode()
              .put("solution_id", solutionId)
              .put("page_size", String.valueOf(WEBHOOK_PAGE_SIZE))
              .put("page_token", token);
      JsonNode page = http.webhooks("ListWebhooks", body, true);
      JsonNode hooks =
          page.isArray() ? page : page.has("webhooks") ? page.path("webhooks") : page.path("items");
      hooks.forEach(n -> out.add(Answers.object(n)));
      token = hooks.isEmpty() || page.isArray() ? "" : page.path("next_page_token").asText("");
    } while (!token.isEmpty() && tokens.add(token));
    return out;
  }

  /**
   * {@code UpdateWebhook}; {@code webhook} must carry {@code webhook_id}. Sends {@code {"webhook":
   * ...}} as update-webhook's example request shows. The page documents no answer: reads the
   * webhook bare or wrapped; an answer without one (e.g. {@code {}}) means accepted, and then the
   * request's own definition is returned.
   */
  public ObjectNode updateWebhook(ObjectNode webhook) {
    ObjectNode updated =
        Answers.webhookIn(http.webhooks("UpdateWebhook", RequestBodies.webhook(webhook), true));
    return updated == null ? webhook.deepCopy() : updated;
  }

  /** {@code DeleteWebhook}. */
  public void deleteWebhook(String webhookId) {
    http.webhooks(
        "DeleteWebhook", JsonNodeFactory.instance.objectNode().put("webhook_id", webhookId), true);
  }

  /**
   * {@code ListEvents}: one page of a webhook's events from {@code pageToken} (null: the start).
   * Calling it also keeps the webhook alive.
   */
  public EventPage listEvents(String webhookId, int pageSize, String pageToken) {
    // list-events' example request: {"webhook_id": ..., "page_size": "50", "page_token": ""}
    ObjectNode body =
        JsonNodeFactory.instance
            .objectNode()
            .put("webhook_id", webhookId)
            .put("page_size", String.valueOf(pageSize))
            .put("page_token", pageToken == null ? "" : pageToken);
    JsonNode res = http.webhooks("ListEvents", body, true);
    List<ObjectNode> events = new ArrayList<>();
    res.path("events").forEach(n -> events.add(Answers.object(n)));
    String next = res.path("next_page_token").asText(null);
    return new EventPage(events, next == null || next.isEmpty() ? null : next);
  }

  @Override
  public String toString() {
    return "SmartSuiteClient{baseUrl=" + baseUrl + ", accountId=" + accountId + "}";
  }

  /** Mutable, not thread-safe; {@link #build()} makes an immutable client. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpUrl webhooksUrl = HttpUrl.get(DEFAULT_WEBHOOKS_URL);
    private String apiKey;
    private String accountId;
    private OkHttpClient http = SmartSuiteHttp.SHARED_CLIENT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private Duration penalty = DEFAULT_PENALTY;
    private Duration maxRateWait = DEFAULT_MAX_RATE_WAIT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryDelay = Duration.ofMillis(250);
    private Ticker ticker = Ticker.SYSTEM;

    private Builder() {}

    /** The rate limiter's time (tests in this package pass a virtual one); default real time. */
    Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** REST base, default {@value #DEFAULT_BASE_URL}; a missing final '/' is added. */
    public Builder baseUrl(String url) {
      this.baseUrl = slash(url);
      return this;
    }

    /** Webhooks service base, default {@value #DEFAULT_WEBHOOKS_URL}. */
    public Builder webhooksUrl(String url) {
      this.webhooksUrl = slash(url);
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** The OkHttp client to derive from (shares its connection pool and dispatcher). */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Requests per second for this key across the JVM, default 5. */
    public Builder requestsPerSecond(int requestsPerSecond) {
      if (requestsPerSecond < 1) {
        throw new IllegalArgumentException("requestsPerSecond must be at least 1");
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /** How long to send nothing for the key after a 429, default 30 s. */
    public Builder penalty(Duration penalty) {
      this.penalty = Objects.requireNonNull(penalty, "penalty");
      return this;
    }

    /**
     * The longest a call waits for the rate limit before failing with {@link
     * SmartSuiteRateLimitedException}, default 10 s.
     */
    public Builder maxRateWait(Duration wait) {
      this.maxRateWait = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /** Retries of idempotent calls after network errors and 5xx, default 3. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** First retry delay (doubling, with jitter), default 250 ms. */
    public Builder retryDelay(Duration delay) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("retryDelay must be positive");
      }
      this.retryDelay = delay;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when the API key or account id is missing
     */
    public SmartSuiteClient build() {
      if (apiKey == null || apiKey.isEmpty()) {
        throw new IllegalStateException("apiKey is required");
      }
      if (accountId == null || accountId.isEmpty()) {
        throw new IllegalStateException("accountId is required");
      }
      return template().client(apiKey, accountId);
    }

    /** These settings without key and account: what {@link SmartSuiteSource} derives from. */
    ClientTemplate template() {
      return new ClientTemplate(
          new SmartSuiteHttp.Settings(
              baseUrl,
              webhooksUrl,
              null,
              null,
              SmartSuiteHttp.derive(http, connectTimeout, readTimeout),
              requestsPerSecond,
              penalty,
              maxRateWait,
              maxRetries,
              retryDelay),
          ticker);
    }

    private static HttpUrl slash(String url) {
      Objects.requireNonNull(url, "url");
      return HttpUrl.get(url.endsWith("/") ? url : url + "/");
    }
  }
}
