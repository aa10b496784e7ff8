package dev.syncengine.spring.internal;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports the store, the queue and each connection's last error to Actuator. */
public final class SyncHealthIndicator implements HealthIndicator {
  private final SyncEngine engine;

  public SyncHealthIndicator(SyncEngine engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    try {
      var inspect = engine.inspect();
      Map<JobState, Long> counts = inspect.jobCounts(null);
      Instant now = engine.clock().instant();
      long lag =
          inspect.oldestWaiting(null).map(t -> Duration.between(t, now).toSeconds()).orElse(0L);
      Map<String, Object> connections = new LinkedHashMap<>();
      for (ConnectionConfig c : inspect.connections()) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("paused", c.paused());
        List<LogEntry> last =
            inspect.log(
                new LogQuery(
                    c.id(), Set.of(LogStatus.RETRY, LogStatus.DEAD), null, null, null, 0, 1));
        if (!last.isEmpty()) {
          detail.put("lastError", last.get(0).errorCode() + ": " + last.get(0).message());
          detail.put("lastErrorAt", last.get(0).at().toString());
        }
        connections.put(c.id(), detail);
      }
      return Health.up()
          .withDetail("queue", lowercaseKeys(counts))
          .withDetail("lagSeconds", lag)
          .withDetail("workers", engine.running())
          .withDetail("connections", connections)
          .build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
  }

  /** The same keys as {@code /health/ready}: pending, claimed, done, dead. */
  private static Map<String, Long> lowercaseKeys(Map<JobState, Long> counts) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    counts.forEach((state, n) -> out.put(state.name().toLowerCase(java.util.Locale.ROOT), n));
    return out;
  }
}
