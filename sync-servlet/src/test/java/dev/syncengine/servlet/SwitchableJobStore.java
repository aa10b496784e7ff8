package dev.syncengine.servlet;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job store that can be switched "down": every call then throws StoreUnavailableException. */
final class SwitchableJobStore implements JobStore {
  private final JobStore d;
  volatile boolean down;

  SwitchableJobStore(JobStore delegate) {
    this.d = delegate;
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("database down (test)", null);
    }
  }

  @Override
  public List<EnqueueResult> enqueue(List<ChangeEvent> events) {
    check();
    return d.enqueue(events);
  }

  @Override
  public List<Job> claim(String owner, int limit, Duration lease) {
    check();
    return d.claim(owner, limit, lease);
  }

  @Override
  public int renew(String owner, Collection<Long> jobIds, Duration lease) {
    check();
    return d.renew(owner, jobIds, lease);
  }

  @Override
  public void complete(String owner, Collection<Job> jobs) {
    check();
    d.complete(owner, jobs);
  }

  @Override
  public void fail(String owner, Job job, String error, Instant retryAt) {
    check();
    d.fail(owner, job, error, retryAt);
  }

  @Override
  public void release(String owner, Collection<Long> jobIds) {
    check();
    d.release(owner, jobIds);
  }

  @Override
  public void defer(String owner, Collection<Job> jobs, Instant runAt) {
    check();
    d.defer(owner, jobs, runAt);
  }

  @Override
  public Optional<Job> find(long jobId) {
    check();
    return d.find(jobId);
  }

  @Override
  public Optional<Job> findByRecord(String connectionId, String recordId) {
    check();
    return d.findByRecord(connectionId, recordId);
  }

  @Override
  public List<Job> list(String connectionId, JobState state, int offset, int limit) {
    check();
    return d.list(connectionId, state, offset, limit);
  }

  @Override
  public boolean replay(long jobId) {
    check();
    return d.replay(jobId);
  }

  @Override
  public boolean markDead(long jobId, String reason) {
    check();
    return d.markDead(jobId, reason);
  }

  @Override
  public Map<JobState, Long> counts(String connectionId) {
    check();
    return d.counts(connectionId);
  }

  @Override
  public Optional<Instant> oldestWaiting(String connectionId) {
    check();
    return d.oldestWaiting(connectionId);
  }

  @Override
  public int purge(Instant before) {
    check();
    return d.purge(before);
  }

  @Override
  public void deleteConnection(String connectionId) {
    check();
    d.deleteConnection(connectionId);
  }
}
