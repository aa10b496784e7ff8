package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.syncengine.webflow.CreateOutcomeUnknownException;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.WebflowServerException;
import dev.syncengine.webflow.WebflowTransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call: rate limiting, auth header, error mapping and retries. Reads, updates,
 * deletes and publishes are retried on 408/429/5xx/transport errors; creates only when the request
 * certainly was not applied (429, connection refused), otherwise they fail with {@link
 * CreateOutcomeUnknownException}. Thread-safe.
 */
public final class WebflowHttp {
  private static final Logger LOG = LoggerFactory.getLogger(WebflowHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** How a call may be retried. */
  public enum Kind {
    IDEMPOTENT,
    CREATE,
    /**
     * A site publish: its 429 is the endpoint's own limit ("Site Publish operations are limited to
     * one successful publish per minute", https://developers.webflow.com/reference/rate-limits,
     * "Endpoint-specific limits"), so it neither pauses the token's limiter, which would stall
     * every item write for a minute, nor is retried here; the caller decides when to try again.
     */
    SITE_PUBLISH
  }

  private final OkHttpClient ok;
  private final HttpUrl base;
  private final String authorization;
  private final String userAgent;
  private final AdaptiveRateLimiter limiter;
  private final Clock clock;
  private final Duration defaultRetryAfter;
  private final RetryPolicy<Object> idempotentPolicy;
  private final RetryPolicy<Object> createPolicy;
  private final RetryPolicy<Object> sitePublishPolicy;

  /**
   * The OkHttp client requests go through: derived from {@code base} (a new one when null), with
   * the timeouts and without OkHttp's own retries.
   */
  public static OkHttpClient derive(
      OkHttpClient base, Duration connectTimeout, Duration readTimeout) {
    OkHttpClient from = base == null ? new OkHttpClient() : base;
    return from.newBuilder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        // OkHttp would silently resend a POST on some connection failures: a duplicate create.
        .retryOnConnectionFailure(false)
        .build();
  }

  public WebflowHttp(
      OkHttpClient ok,
      HttpUrl base,
      String token,
      String userAgent,
      AdaptiveRateLimiter limiter,
      Clock clock,
      Duration defaultRetryAfter,
      int maxRetries,
      Duration retryDelay) {
    this.ok = ok;
    this.base = base;
    this.authorization = "Bearer " + token;
    this.userAgent = userAgent;
    this.limiter = limiter;
    this.clock = clock;
    this.defaultRetryAfter = defaultRetryAfter;
    Duration maxDelay = retryDelay.multipliedBy(16);
    this.idempotentPolicy =
        RetryPolicy.builder()
            .handle(
                WebflowRateLimitedException.class,
                WebflowServerException.class,
                WebflowTransportException.class)
            .withMaxRetries(maxRetries)
            .withBackoff(retryDelay, maxDelay)
            .withJitter(0.25)
            .build();
    // A 429 or a refused connection means the create never happened: safe to send again.
    this.createPolicy =
        RetryPolicy.builder()
            .handle(WebflowRateLimitedException.class, WebflowTransportException.class)
            .withMaxRetries(maxRetries)
            .withBackoff(retryDelay, maxDelay)
            .withJitter(0.25)
            .build();
    this.sitePublishPolicy =
        RetryPolicy.builder()
            .handle(WebflowServerException.class, WebflowTransportException.class)
            .withMaxRetries(maxRetries)
            .withBackoff(retryDelay, maxDelay)
            .withJitter(0.25)
            .build();
  }

  /** How long a request sent now would wait for the rate limiter (zero when a slot is free). */
  public Duration untilNextRequest() {
    return Duration.ofNanos(limiter.nanosUntilFree());
  }

  public JsonNode call(
      String method, String path, Map<String, String> query, JsonNode body, Kind kind) {
    HttpUrl.Builder url = base.newBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        url.addPathSegment(segment);
      }
    }
    query.forEach(
        (k, v) -> {
          if (v != null) {
            url.addQueryParameter(k, v);
          }
        });
    HttpUrl u = url.build();
    String what = method + " " + path;
    RequestBody rb = body == null ? null : RequestBody.create(Json.write(body), JSON);
    Request request =
        new Request.Builder()
            .url(u)
            .method(method, rb)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .build();
    RetryPolicy<Object> policy =
        switch (kind) {
          case CREATE -> createPolicy;
          case SITE_PUBLISH -> sitePublishPolicy;
          case IDEMPOTENT -> idempotentPolicy;
        };
    return (JsonNode) Failsafe.with(policy).get(() -> attempt(request, what, kind));
  }

  private JsonNode attempt(Request request, String what, Kind kind) {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebflowTransportException(what + ": interrupted", new InterruptedIOException());
    }
    long start = System.nanoTime();
    try (Response response = ok.newCall(request).execute()) {
      limiter.onResponse(
          intHeader(response.header("X-RateLimit-Limit")),
          intHeader(response.header("X-RateLimit-Remaining")));
      String text = response.body() == null ? "" : response.body().string();
      int status = response.code();
      LOG.debug("{} -> {} in {} ms", what, status, (System.nanoTime() - start) / 1_000_000);
      if (status >= 200 && status < 300) {
        JsonNode json = Json.parseOrNull(text);
        return json == null ? Json.object() : json;
      }
      WebflowException error =
          ErrorMapper.map(
              what, status, text, response.header("Retry-After"), clock, defaultRetryAfter);
      if (error instanceof WebflowRateLimitedException rl && kind != Kind.SITE_PUBLISH) {
        limiter.onRateLimited(rl.retryAfter());
      }
      if (kind == Kind.CREATE && error instanceof WebflowServerException) {
        throw new CreateOutcomeUnknownException(error);
      }
      throw error;
    } catch (IOException e) {
      limiter.onNoResponse();
      LOG.debug("{} failed: {}", what, e.toString());
      WebflowTransportException te =
          new WebflowTransportException(what + ": " + e.getClass().getSimpleName(), e);
      if (kind == Kind.CREATE && !neverSent(e)) {
        throw new CreateOutcomeUnknownException(te);
      }
      throw te;
    }
  }

  private static boolean neverSent(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException;
  }

  private static int intHeader(String v) {
    if (v == null) {
      return -1;
    }
    try {
      return (int) Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
