package dev.syncengine.core.memory;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} in memory: for tests and single-process hosts that accept losing the queue on
 * restart. Thread-safe (one lock).
 */
public final class InMemoryJobStore implements JobStore {
  /** How long idempotency keys are remembered by default. */
  public static final Duration DEFAULT_INBOX_RETENTION = Duration.ofDays(7);

  private final Clock clock;
  private final Duration inboxRetention;
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Long> byRecord = new HashMap<>();
  private final Map<String, InboxEntry> inbox = new HashMap<>();
  private final Map<Long, Claim> claims = new HashMap<>();

  /**
   * What a claim's write carries: changes up to {@code generation}. {@code arrivedSince} is the
   * arrival of the first change merged after it, which becomes the job's enqueuedAt once that write
   * succeeds.
   */
  private record Claim(long generation, Instant arrivedSince) {}

  private long nextId = 1;

  private record InboxEntry(long jobId, Instant expiresAt) {}

  public InMemoryJobStore(Clock clock) {
    this(clock, DEFAULT_INBOX_RETENTION);
  }

  public InMemoryJobStore(Clock clock, Duration inboxRetention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inboxRetention = Objects.requireNonNull(inboxRetention, "inboxRetention");
  }

  private static String key(String connectionId, String recordId) {
    return connectionId + '\u0000' + recordId;
  }

  @Override
  public synchronized List<EnqueueResult> enqueue(List<ChangeEvent> events) {
    Instant now = clock.instant();
    List<EnqueueResult> results = new ArrayList<>(events.size());
    for (ChangeEvent e : events) {
      String inboxKey =
          e.idempotencyKey() == null ? null : key(e.connectionId(), e.idempotencyKey());
      if (inboxKey != null) {
        InboxEntry seen = inbox.get(inboxKey);
        if (seen != null && seen.expiresAt().isAfter(now)) {
          results.add(new EnqueueResult(seen.jobId(), true, false));
          continue;
        }
      }
      EnqueueResult r = merge(e, now);
      if (inboxKey != null) {
        inbox.put(inboxKey, new InboxEntry(r.jobId(), now.plus(inboxRetention)));
      }
      results.add(r);
    }
    return results;
  }

  private EnqueueResult merge(ChangeEvent e, Instant now) {
    String k = key(e.connectionId(), e.recordId());
    Long id = byRecord.get(k);
    if (id == null) {
      return insert(k, e, now);
    }
    Job j = jobs.get(id);
    if (e.sourceVersion().isBefore(j.sourceVersion())) {
      return new EnqueueResult(id, false, true);
    }
    boolean waiting = j.state() == JobState.PENDING || j.state() == JobState.CLAIMED;
    JobState state = j.state() == JobState.CLAIMED ? JobState.CLAIMED : JobState.PENDING;
    Claim claim = claims.get(id);
    if (state == JobState.CLAIMED && claim != null) {
      Instant since = claim.arrivedSince();
      if (since == null || e.receivedAt().isBefore(since)) {
        claims.put(id, new Claim(claim.generation(), e.receivedAt()));
      }
    }
    jobs.put(
        id,
        new Job(
            id,
            j.connectionId(),
            j.recordId(),
            e.kind(),
            e.sourceVersion(),
            e.payload(),
            e.idempotencyKey(),
            state,
            0,
            now,
            j.leaseOwner(),
            j.leaseUntil(),
            j.generation() + 1,
            waiting && j.enqueuedAt().isBefore(e.receivedAt()) ? j.enqueuedAt() : e.receivedAt(),
            now,
            null));
    return new EnqueueResult(id, false, false);
  }

  /** A new pending job for a record that has none. */
  private EnqueueResult insert(String k, ChangeEvent e, Instant now) {
    long newId = nextId++;
    jobs.put(
        newId,
        new Job(
            newId,
            e.connectionId(),
            e.recordId(),
            e.kind(),
            e.sourceVersion(),
            e.payload(),
            e.idempotencyKey(),
            JobState.PENDING,
            0,
            now,
            null,
            null,
            1,
            e.receivedAt(),
            now,
            null));
    byRecord.put(k, newId);
    return new EnqueueResult(newId, false, false);
  }

  @Override
  public synchronized List<Job> claim(String owner, int limit, Duration lease) {
    Instant now = clock.instant();
    List<Job> due = new ArrayList<>();
    for (Job j : jobs.values()) {
      boolean pendingDue = j.state() == JobState.PENDING && !j.runAt().isAfter(now);
      boolean expired =
          j.state() == JobState.CLAIMED && j.leaseUntil() != null && !j.leaseUntil().isAfter(now);
      if (pendingDue || expired) {
        due.add(j);
      }
    }
    due.sort(Comparator.comparing(Job::runAt).thenComparingLong(Job::id));
    List<Job> claimed = new ArrayList<>();
    for (Job j : due.subList(0, Math.min(limit, due.size()))) {
      claims.put(j.id(), new Claim(j.generation(), null));
      Job c =
          with(j, JobState.CLAIMED, j.attempts(), j.runAt(), owner, now.plus(lease), j.lastError());
      jobs.put(j.id(), c);
      claimed.add(c);
    }
    return claimed;
  }

  @Override
  public synchronized int renew(String owner, Collection<Long> jobIds, Duration lease) {
    Instant until = clock.instant().plus(lease);
    int held = 0;
    for (Long id : jobIds) {
      Job j = jobs.get(id);
      if (j != null && j.state() == JobState.CLAIMED && owner.equals(j.leaseOwner())) {
        jobs.put(
            id, with(j, JobState.CLAIMED, j.attempts(), j.runAt(), owner, until, j.lastError()));
        held++;
      }
    }
    return held;
  }

  private Job held(String owner, long id) {
    Job j = jobs.get(id);
    return j != null && j.state() == JobState.CLAIMED && owner.equals(j.leaseOwner()) ? j : null;
  }

  @Override
  public synchronized void complete(String owner, Collection<Job> claimed) {
    Instant now = clock.instant();
    for (Job c : claimed) {
      Job j = held(owner, c.id());
      if (j == null) {
        continue;
      }
      Claim claim = claims.remove(j.id());
      if (j.generation() != c.generation()) {
        // the claim's write carried everything up to it: lag now runs from what came after
        boolean ownWrite = claim != null && claim.generation() == c.generation();
        Instant oldest =
            ownWrite && claim.arrivedSince() != null ? claim.arrivedSince() : j.enqueuedAt();
        jobs.put(j.id(), with(j, oldest, JobState.PENDING, 0, now, null, null, null));
      } else {
        jobs.put(j.id(), with(j, JobState.DONE, j.attempts(), j.runAt(), null, null, null));
      }
    }
  }

  @Override
  public synchronized void fail(String owner, Job claimed, String error, Instant retryAt) {
    Job j = held(owner, claimed.id());
    if (j == null) {
      return;
    }
    Instant now = clock.instant();
    claims.remove(j.id());
    if (j.generation() != claimed.generation()) {
      jobs.put(j.id(), with(j, JobState.PENDING, 0, now, null, null, null));
    } else if (retryAt == null) {
      jobs.put(j.id(), with(j, JobState.DEAD, j.attempts() + 1, j.runAt(), null, null, error));
    } else {
      jobs.put(j.id(), with(j, JobState.PENDING, j.attempts() + 1, retryAt, null, null, error));
    }
  }

  @Override
  public synchronized void release(String owner, Collection<Long> jobIds) {
    for (Long id : jobIds) {
      Job j = held(owner, id);
      if (j != null) {
        claims.remove(id);
        jobs.put(id, with(j, JobState.PENDING, j.attempts(), j.runAt(), null, null, j.lastError()));
      }
    }
  }

  @Override
  public synchronized void defer(String owner, Collection<Job> claimed, Instant runAt) {
    for (Job c : claimed) {
      Job j = held(owner, c.id());
      if (j != null) {
        claims.remove(j.id());
        Instant due = j.generation() != c.generation() ? clock.instant() : runAt;
        jobs.put(j.id(), with(j, JobState.PENDING, j.attempts(), due, null, null, j.lastError()));
      }
    }
  }

  @Override
  public synchronized Optional<Job> find(long jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public synchronized Optional<Job> findByRecord(String connectionId, String recordId) {
    Long id = byRecord.get(key(connectionId, recordId));
    return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized List<Job> list(String connectionId, JobState state, int offset, int limit) {
    return jobs.values().stream()
        .filter(j -> connectionId == null || j.connectionId().equals(connectionId))
        .filter(j -> state == null || j.state() == state)
        .sorted(Comparator.comparing(Job::updatedAt).thenComparingLong(Job::id).reversed())
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean replay(long jobId) {
    Job j = jobs.get(jobId);
    if (j == null || j.state() != JobState.DEAD) {
      return false;
    }
    jobs.put(jobId, with(j, JobState.PENDING, 0, clock.instant(), null, null, j.lastError()));
    return true;
  }

  @Override
  public synchronized boolean markDead(long jobId, String reason) {
    Job j = jobs.get(jobId);
    if (j == null || j.state() == JobState.DONE || j.state() == JobState.CLAIMED) {
      return false;
    }
    jobs.put(jobId, with(j, JobState.DEAD, j.attempts(), j.runAt(), null, null, reason));
    return true;
  }

  @Override
  public synchronized Map<JobState, Long> counts(String connectionId) {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0L);
    }
    for (Job j : jobs.values()) {
      if (connectionId == null || j.connectionId().equals(connectionId)) {
        counts.merge(j.state(), 1L, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public synchronized Optional<Instant> oldestWaiting(String connectionId) {
    return jobs.values().stream()
        .filter(j -> connectionId == null || j.connectionId().equals(connectionId))
        .filter(j -> j.state() == JobState.PENDING || j.state() == JobState.CLAIMED)
        .map(Job::enqueuedAt)
        .min(Comparator.naturalOrder());
  }

  @Override
  public synchronized int purge(Instant before) {
    Instant now = clock.instant();
    inbox.values().removeIf(e -> !e.expiresAt().isAfter(now));
    int removed = 0;
    var it = jobs.values().iterator();
    while (it.hasNext()) {
      Job j = it.next();
      if (j.state() == JobState.DONE && j.updatedAt().isBefore(before)) {
        it.remove();
        byRecord.remove(key(j.connectionId(), j.recordId()));
        removed++;
      }
    }
    return removed;
  }

  @Override
  public synchronized void deleteConnection(String connectionId) {
    jobs.values().removeIf(j -> j.connectionId().equals(connectionId));
    claims.keySet().retainAll(jobs.keySet());
    byRecord.keySet().removeIf(k -> k.startsWith(connectionId + '\u0000'));
    inbox.keySet().removeIf(k -> k.startsWith(connectionId + '\u0000'));
  }

  private Job with(
      Job j,
      JobState state,
      int attempts,
      Instant runAt,
      String owner,
      Instant leaseUntil,
      String error) {
    return with(j, j.enqueuedAt(), state, attempts, runAt, owner, leaseUntil, error);
  }

  private Job with(
      Job j,
      Instant enqueuedAt,
      JobState state,
      int attempts,
      Instant runAt,
      String owner,
      Instant leaseUntil,
      String error) {
    return new Job(
        j.id(),
        j.connectionId(),
        j.recordId(),
        j.kind(),
        j.sourceVersion(),
        j.payload(),
        j.idempotencyKey(),
        state,
        attempts,
        runAt,
        owner,
        leaseUntil,
        j.generation(),
        enqueuedAt,
        clock.instant(),
        error);
  }
}
