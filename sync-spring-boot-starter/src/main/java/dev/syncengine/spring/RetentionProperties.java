package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import java.time.Duration;

/**
 * How long finished work and logs are kept: the {@code sync.retention.*} properties, bound as
 * {@link SyncProperties.Retention}.
 */
public class RetentionProperties {
  /** How long finished queue rows (and idempotency keys) are kept. */
  private Duration doneJobs = SyncEngine.DEFAULT_DONE_JOB_RETENTION;

  /** How long sync log entries are kept. */
  private Duration eventLog = SyncEngine.DEFAULT_EVENT_LOG_RETENTION;

  public Duration getDoneJobs() {
    return doneJobs;
  }

  public void setDoneJobs(Duration doneJobs) {
    this.doneJobs = doneJobs;
  }

  public Duration getEventLog() {
    return eventLog;
  }

  public void setEventLog(Duration eventLog) {
    this.eventLog = eventLog;
  }
}
