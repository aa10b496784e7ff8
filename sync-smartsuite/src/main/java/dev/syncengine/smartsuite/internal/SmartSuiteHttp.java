package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteErrorCodes;
import dev.syncengine.smartsuite.SmartSuiteRateLimitedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one SmartSuite call: the {@code Authorization: Token} and {@code ACCOUNT-ID} headers, the
 * per-key rate limit (and its penalty after a 429), retries of idempotent calls with backoff, and
 * the mapping of failures to {@link SmartSuiteApiException} (see {@link ErrorMapper}). Thread-safe.
 */
public final class SmartSuiteHttp {
  /** One OkHttp connection pool for every client that does not bring its own. */
  public static final OkHttpClient SHARED_CLIENT = new OkHttpClient();

  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final String WEBHOOKS_SERVICE = "smartsuite.webhooks.engine.Webhooks/";

  private final HttpUrl baseUrl;
  private final HttpUrl webhooksUrl;
  private final String apiKey;
  private final String accountId;
  private final OkHttpClient http;
  private final RateLimiter limiter;
  private final Duration penalty;
  private final Duration maxRateWait;
  private final RetryPolicy<JsonNode> retry;

  /**
   * The connection settings of one client; {@code http} is used as is (see {@link #derive}), and
   * {@code apiKey} and {@code accountId} are null in a template that clients derive from.
   */
  public record Settings(
      HttpUrl baseUrl,
      HttpUrl webhooksUrl,
      String apiKey,
      String accountId,
      OkHttpClient http,
      int requestsPerSecond,
      Duration penalty,
      Duration maxRateWait,
      int maxRetries,
      Duration retryDelay) {

    /**
     * These settings for another key and workspace.
     *
     * @throws IllegalStateException when either is null or empty
     */
    public Settings withCredentials(String apiKey, String accountId) {
      if (apiKey == null || apiKey.isEmpty()) {
        throw new IllegalStateException("apiKey is required");
      }
      if (accountId == null || accountId.isEmpty()) {
        throw new IllegalStateException("accountId is required");
      }
      return new Settings(
          baseUrl,
          webhooksUrl,
          apiKey,
          accountId,
          http,
          requestsPerSecond,
          penalty,
          maxRateWait,
          maxRetries,
          retryDelay);
    }
  }

  /**
   * The OkHttp client requests go through: derived from {@code base} (sharing its pool), with the
   * timeouts and without OkHttp's own retries.
   */
  public static OkHttpClient derive(
      OkHttpClient base, Duration connectTimeout, Duration readTimeout) {
    return base.newBuilder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .retryOnConnectionFailure(false)
        .build();
  }

  /** A client whose rate limiter runs on {@code ticker}'s time. */
  public SmartSuiteHttp(Settings s, Ticker ticker) {
    this.baseUrl = s.baseUrl();
    this.webhooksUrl = s.webhooksUrl();
    this.apiKey = s.apiKey();
    this.accountId = s.accountId();
    this.http = s.http();
    this.limiter = RateLimiters.forKey(s.apiKey(), s.requestsPerSecond(), ticker);
    this.penalty = s.penalty();
    this.maxRateWait = s.maxRateWait();
    this.retry =
        RetryPolicy.<JsonNode>builder()
            .handleIf(
                e ->
                    e instanceof SmartSuiteApiException sa
                        && sa.error().retryable()
                        && !(sa instanceof SmartSuiteRateLimitedException))
            .withBackoff(s.retryDelay(), s.retryDelay().multipliedBy(16))
            .withJitter(0.25)
            .withMaxRetries(s.maxRetries())
            .build();
  }

  /** A REST URL: the base followed by {@code segments} (a last "" gives the final '/'). */
  public HttpUrl rest(String... segments) {
    HttpUrl.Builder b = baseUrl.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  /** An idempotent {@code GET}, retried. */
  public JsonNode get(HttpUrl url) {
    return call(authorised(new Request.Builder().url(url).get()), true);
  }

  /** An idempotent {@code POST} of a JSON body, retried. */
  public JsonNode post(HttpUrl url, JsonNode body) {
    return call(postRequest(url, body), true);
  }

  /**
   * A {@code PATCH} or {@code PUT} of a JSON body, retried: writing the same values again leaves
   * the record as the first write did.
   */
  public JsonNode write(String method, HttpUrl url, JsonNode body) {
    return call(
        authorised(
            new Request.Builder()
                .url(url)
                .method(method, RequestBody.create(body.toString(), JSON_TYPE))),
        true);
  }

  /** A {@code POST} that creates: never retried, a lost answer may still mean it was created. */
  public JsonNode postOnce(HttpUrl url, JsonNode body) {
    return call(postRequest(url, body), false);
  }

  /**
   * A {@code DELETE} without a body, retried: deleting again leaves the record deleted. Any 2xx
   * counts and its body is not read (the answer is not what the caller needs).
   */
  public void delete(HttpUrl url) {
    Request request = authorised(new Request.Builder().url(url).delete());
    Failsafe.with(retry).get(() -> once(request, false));
  }

  /** A webhooks-service (Twirp) method; retried only when {@code idempotent}. */
  public JsonNode webhooks(String method, ObjectNode body, boolean idempotent) {
    HttpUrl url = Objects.requireNonNull(webhooksUrl.resolve(WEBHOOKS_SERVICE + method));
    return call(postRequest(url, body), idempotent);
  }

  private Request postRequest(HttpUrl url, JsonNode body) {
    return authorised(
        new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE)));
  }

  private Request authorised(Request.Builder b) {
    return b.header("Authorization", "Token " + apiKey)
        .header("ACCOUNT-ID", accountId)
        .header("Accept", "application/json")
        .build();
  }

  private JsonNode call(Request request, boolean idempotent) {
    if (!idempotent) {
      return once(request, true);
    }
    return Failsafe.with(retry).get(() -> once(request, true));
  }

  private JsonNode once(Request request, boolean readJson) {
    RateLimiter.Permit permit = permit();
    String what = request.method() + " " + request.url().encodedPath();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      ResponseBody rb = response.body();
      String text = rb == null ? "" : rb.string();
      if (code == 429) {
        limiter.penalize(penalty);
        throw new SmartSuiteRateLimitedException(429, penalty);
      }
      if (code / 100 != 2) {
        throw ErrorMapper.failure(what, code, text, apiKey);
      }
      return readJson ? parse(what, code, text) : JsonNodeFactory.instance.objectNode();
    } catch (IOException e) {
      throw new SmartSuiteApiException(
          0,
          SyncError.retryable(
              SmartSuiteErrorCodes.UNREACHABLE,
              "SmartSuite " + what + " failed: " + e.getClass().getSimpleName()),
          e);
    } finally {
      permit.release();
    }
  }

  private RateLimiter.Permit permit() {
    try {
      return limiter.acquire(maxRateWait);
    } catch (RateLimiter.WaitTooLong e) {
      throw new SmartSuiteRateLimitedException(0, e.retryAfter());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmartSuiteApiException(
          0,
          SyncError.retryable(
              "interrupted", "interrupted while waiting for the SmartSuite rate limit"),
          e);
    }
  }

  private static JsonNode parse(String what, int code, String text) {
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new SmartSuiteApiException(
          code,
          SyncError.retryable(
              SmartSuiteErrorCodes.BAD_RESPONSE,
              "SmartSuite " + what + " answered malformed JSON"));
    }
  }
}
