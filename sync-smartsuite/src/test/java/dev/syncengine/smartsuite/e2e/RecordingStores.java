package dev.syncengine.smartsuite.e2e;

import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory stores whose queue records what every enqueue did with every event (accepted,
 * duplicate, stale) and whose cursor store records every write, so tests can count event ids and
 * follow progress without reaching into the stores' internals. Thread-safe.
 */
final class RecordingStores {

  /** One event offered to the queue and what the queue did with it. */
  record Enqueued(ChangeEvent event, EnqueueResult result) {}

  /** One cursor write. */
  record CursorWrite(String connectionId, String name, String value) {}

  final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();
  final List<CursorWrite> cursorWrites = new CopyOnWriteArrayList<>();
  final Stores stores;

  RecordingStores(Clock clock) {
    Stores base = InMemoryStores.create(clock);
    this.stores =
        new Stores(
            new RecordingJobs(base.jobs()),
            base.connections(),
            base.idMap(),
            new RecordingCursors(base.cursors()),
            base.eventLog());
  }

  /** Jobs still waiting to be worked on (pending or claimed). */
  long waiting(String connectionId) {
    Map<JobState, Long> counts = stores.jobs().counts(connectionId);
    return counts.get(JobState.PENDING) + counts.get(JobState.CLAIMED);
  }

  private final class RecordingCursors implements CursorStore {
    private final CursorStore delegate;

    RecordingCursors(CursorStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<String> get(String connectionId, String name) {
      return delegate.get(connectionId, name);
    }

    @Override
    public void put(String connectionId, String name, String value) {
      delegate.put(connectionId, name, value);
      cursorWrites.add(new CursorWrite(connectionId, name, value));
    }

    @Override
    public void delete(String connectionId, String name) {
      delegate.delete(connectionId, name);
    }
  }

  private final class RecordingJobs implements JobStore {
    private final JobStore delegate;

    RecordingJobs(JobStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<EnqueueResult> enqueue(List<ChangeEvent> events) {
      List<EnqueueResult> results = delegate.enqueue(events);
      for (int i = 0; i < events.size(); i++) {
        enqueued.add(new Enqueued(events.get(i), results.get(i)));
      }
      return results;
    }

    @Override
    public List<Job> claim(String owner, int limit, Duration lease) {
      return delegate.claim(owner, limit, lease);
    }

    @Override
    public int renew(String owner, Collection<Long> jobIds, Duration lease) {
      return delegate.renew(owner, jobIds, lease);
    }

    @Override
    public void complete(String owner, Collection<Job> jobs) {
      delegate.complete(owner, jobs);
    }

    @Override
    public void fail(String owner, Job job, String error, Instant retryAt) {
      delegate.fail(owner, job, error, retryAt);
    }

    @Override
    public void release(String owner, Collection<Long> jobIds) {
      delegate.release(owner, jobIds);
    }

    @Override
    public void defer(String owner, Collection<Job> jobs, Instant runAt) {
      delegate.defer(owner, jobs, runAt);
    }

    @Override
    public Optional<Job> find(long jobId) {
      return delegate.find(jobId);
    }

    @Override
    public Optional<Job> findByRecord(String connectionId, String recordId) {
      return delegate.findByRecord(connectionId, recordId);
    }

    @Override
    public List<Job> list(String connectionId, JobState state, int offset, int limit) {
      return delegate.list(connectionId, state, offset, limit);
    }

    @Override
    public boolean replay(long jobId) {
      return delegate.replay(jobId);
    }

    @Override
    public boolean markDead(long jobId, String reason) {
      return delegate.markDead(jobId, reason);
    }

    @Override
    public Map<JobState, Long> counts(String connectionId) {
      return delegate.counts(connectionId);
    }

    @Override
    public Optional<Instant> oldestWaiting(String connectionId) {
      return delegate.oldestWaiting(connectionId);
    }

    @Override
    public int purge(Instant before) {
      return delegate.purge(before);
    }

    @Override
    public void deleteConnection(String connectionId) {
      delegate.deleteConnection(connectionId);
    }
  }
}
