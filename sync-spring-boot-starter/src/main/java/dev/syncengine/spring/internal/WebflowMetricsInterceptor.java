package dev.syncengine.spring.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts every Webflow API call by method and status ({@code sync.webflow.calls}), times them, and
 * counts 429 answers apart ({@code sync.webflow.throttled}). Paths are not used as tags: they carry
 * ids. Thread-safe.
 */
public final class WebflowMetricsInterceptor implements Interceptor {
  private final MeterRegistry registry;

  public WebflowMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    long start = System.nanoTime();
    String method = chain.request().method();
    try {
      Response r = chain.proceed(chain.request());
      record(method, String.valueOf(r.code()), start);
      if (r.code() == 429) {
        registry.counter("sync.webflow.throttled").increment();
      }
      return r;
    } catch (IOException e) {
      record(method, "io_error", start);
      throw e;
    }
  }

  private void record(String method, String status, long start) {
    Timer.builder("sync.webflow.calls")
        .description("Webflow API calls")
        .tag("method", method)
        .tag("status", status)
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
