package dev.syncengine.spring.internal;

import dev.syncengine.core.Inspector;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Records engine events as Micrometer meters. Thread-safe. */
public final class MicrometerSyncListener extends SyncListener {
  private final MeterRegistry registry;

  public MicrometerSyncListener(MeterRegistry registry, Supplier<Inspector> inspector) {
    this.registry = registry;
    Gauge.builder("sync.queue.depth", () -> safe(() -> pending(inspector.get())))
        .description("Jobs waiting (pending or claimed)")
        .register(registry);
    Gauge.builder("sync.queue.lag", () -> safe(() -> lagSeconds(inspector.get())))
        .description("Age of the oldest waiting change, in seconds")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("sync.dead", () -> safe(() -> inspector.get().jobCounts(null).get(JobState.DEAD)))
        .description("Jobs in dead letter")
        .register(registry);
  }

  private static double pending(Inspector s) {
    var c = s.jobCounts(null);
    return c.get(JobState.PENDING) + c.get(JobState.CLAIMED);
  }

  private static double lagSeconds(Inspector s) {
    return s.oldestWaiting(null)
        .map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0)
        .orElse(0.0);
  }

  private static double safe(Supplier<Number> value) {
    try {
      return value.get().doubleValue();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public void ingested(String connectionId, int events, int duplicates) {
    Counter.builder("sync.ingested")
        .tag("connection", connectionId)
        .register(registry)
        .increment(events - duplicates);
    if (duplicates > 0) {
      Counter.builder("sync.ingested.duplicates")
          .tag("connection", connectionId)
          .register(registry)
          .increment(duplicates);
    }
  }

  @Override
  public void rejected(String connectionId, String reason) {
    Counter.builder("sync.rejected")
        .description("Webhook deliveries refused")
        .tag("connection", connectionId)
        .tag("reason", String.valueOf(reason))
        .register(registry)
        .increment();
  }

  @Override
  public void webhookRegistrationFailed(String connectionId, String code) {
    Counter.builder("sync.webhook.registration.failed")
        .description("Failed webhook registrations, repairs and keepalives")
        .tag("connection", connectionId)
        .tag("code", String.valueOf(code))
        .register(registry)
        .increment();
  }

  @Override
  public void upstreamError(String connectionId, String operation, String code) {
    Counter.builder("sync.upstream.errors")
        .description("Failed calls to the source or target")
        .tag("connection", connectionId)
        .tag("operation", String.valueOf(operation))
        .tag("code", String.valueOf(code))
        .register(registry)
        .increment();
  }

  @Override
  public void claimed(int jobs) {
    Counter.builder("sync.claimed").register(registry).increment(jobs);
  }

  @Override
  public void written(String connectionId, WriteResult.Outcome outcome, Duration lag) {
    Counter.builder("sync.written")
        .tag("connection", connectionId)
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
    Timer.builder("sync.lag")
        .description("From webhook ingress to the target write")
        .tag("connection", connectionId)
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(registry)
        .record(lag);
  }

  @Override
  public void retried(String connectionId, String errorCode) {
    Counter.builder("sync.retried")
        .tag("connection", connectionId)
        .tag("code", String.valueOf(errorCode))
        .register(registry)
        .increment();
  }

  @Override
  public void dead(String connectionId, String errorCode) {
    Counter.builder("sync.failed")
        .description("Jobs sent to dead letter")
        .tag("connection", connectionId)
        .tag("code", String.valueOf(errorCode))
        .register(registry)
        .increment();
  }
}
