package dev.syncengine.core.spi;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable queue and its idempotency inbox. One row per (connection, source record): a new
 * change merges into the row (the newest {@code sourceVersion} wins, equal versions take the later
 * arrival), resets attempts, makes it due now and bumps its generation. A row being worked on stays
 * claimed; when its worker completes it, a bumped generation sends it back to pending instead of
 * done, so no change is lost and no record is worked on by two workers at once.
 *
 * <p>Time comes from the store's {@link java.time.Clock}. Every method may throw {@link
 * StoreUnavailableException}. Implementations are thread-safe.
 */
public interface JobStore {

  /**
   * Stores events durably, atomically with their idempotency keys: on return every event is either
   * in the queue or was a duplicate (its key was seen within the inbox's retention).
   *
   * @return one result per event, in order
   */
  List<EnqueueResult> enqueue(List<ChangeEvent> events);

  /**
   * Claims up to {@code limit} due jobs: pending with {@code runAt <= now}, or claimed with an
   * expired lease. Sets the lease. Never returns a job another live lease holds.
   */
  List<Job> claim(String owner, int limit, Duration lease);

  /** Extends the leases {@code owner} still holds; returns how many it still holds. */
  int renew(String owner, Collection<Long> jobIds, Duration lease);

  /**
   * Marks jobs done. A job whose generation moved on since it was claimed goes back to pending (due
   * now); a job {@code owner} no longer holds is left alone.
   *
   * @param jobs the jobs as claimed (id and generation are read)
   */
  void complete(String owner, Collection<Job> jobs);

  /**
   * Records a failure: back to pending at {@code retryAt} with attempts + 1, or to dead when {@code
   * retryAt} is null. A job whose generation moved on is reset to pending (attempts 0) instead.
   */
  void fail(String owner, Job job, String error, Instant retryAt);

  /** Gives claims back without counting an attempt (graceful shutdown); due at once. */
  void release(String owner, Collection<Long> jobIds);

  /**
   * Gives claims back without counting an attempt, due at {@code runAt} (a paused connection). A
   * job whose generation moved on is due at once instead.
   */
  void defer(String owner, Collection<Job> jobs, Instant runAt);

  Optional<Job> find(long jobId);

  Optional<Job> findByRecord(String connectionId, String recordId);

  /**
   * Lists jobs newest first.
   *
   * @param connectionId filter, or null for all
   * @param state filter, or null for all
   */
  List<Job> list(String connectionId, JobState state, int offset, int limit);

  /** Dead → pending with attempts 0, due now. Returns false if the job is not dead. */
  boolean replay(long jobId);

  /** Pending/dead job → dead with the reason (the dashboard's "mark dead"). */
  boolean markDead(long jobId, String reason);

  /** Counts per state; {@code connectionId} null for all. */
  Map<JobState, Long> counts(String connectionId);

  /** Arrival of the oldest change still waiting (pending or claimed), for lag. */
  Optional<Instant> oldestWaiting(String connectionId);

  /** Deletes done jobs last updated before {@code before}, and inbox keys past their expiry. */
  int purge(Instant before);

  /** Deletes every job and inbox key of a connection. */
  void deleteConnection(String connectionId);
}
