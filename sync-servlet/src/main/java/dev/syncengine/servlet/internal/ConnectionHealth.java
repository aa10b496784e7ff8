package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import java.util.List;
import java.util.Set;

/**
 * A connection's recent health from its sync log: the last successful write, the newest error, and
 * how many failed attempts (retries and dead letters) came after the last success. Thread-safe.
 */
final class ConnectionHealth {
  private static final Set<LogStatus> OK = Set.of(LogStatus.SUCCESS, LogStatus.SKIPPED);
  private static final Set<LogStatus> FAILED = Set.of(LogStatus.RETRY, LogStatus.DEAD);

  private ConnectionHealth() {}

  /**
   * {@code {"lastSuccessAt", "lastErrorAt", "lastError": {"code", "message"} | null,
   * "consecutiveErrors"}}.
   */
  static ObjectNode of(Inspector log, String connectionId) {
    List<LogEntry> lastOk = log.log(new LogQuery(connectionId, OK, null, null, null, 0, 1));
    List<LogEntry> lastFailed = log.log(new LogQuery(connectionId, FAILED, null, null, null, 0, 1));
    ObjectNode o = Json.MAPPER.createObjectNode();
    LogEntry ok = lastOk.isEmpty() ? null : lastOk.get(0);
    LogEntry failed = lastFailed.isEmpty() ? null : lastFailed.get(0);
    o.put("lastSuccessAt", ok == null ? null : ok.at().toString());
    o.put("lastErrorAt", failed == null ? null : failed.at().toString());
    if (failed == null) {
      o.putNull("lastError");
    } else {
      o.putObject("lastError").put("code", failed.errorCode()).put("message", failed.message());
    }
    long consecutive;
    if (failed == null) {
      consecutive = 0;
    } else if (ok == null) {
      consecutive = log.logCount(new LogQuery(connectionId, FAILED, null, null, null, 0, 1));
    } else if (failed.at().isBefore(ok.at())) {
      consecutive = 0;
    } else {
      consecutive = log.logCount(new LogQuery(connectionId, FAILED, null, ok.at(), null, 0, 1));
    }
    o.put("consecutiveErrors", consecutive);
    return o;
  }
}
