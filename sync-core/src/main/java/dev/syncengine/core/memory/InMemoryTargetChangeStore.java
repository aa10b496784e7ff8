package dev.syncengine.core.memory;

import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.TargetChangeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link TargetChangeStore} in memory. Thread-safe (one lock). */
public final class InMemoryTargetChangeStore implements TargetChangeStore {
  private final Clock clock;
  private final TreeMap<Long, StoredTargetChange> rows = new TreeMap<>();
  private final Map<String, Long> byKey = new HashMap<>();
  private long nextId = 1;

  public InMemoryTargetChangeStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static String key(String connectionId, String deliveryKey) {
    return connectionId + "\n" + deliveryKey;
  }

  @Override
  public synchronized List<EnqueueResult> append(List<TargetChange> changes) {
    List<EnqueueResult> out = new ArrayList<>(changes.size());
    Instant now = clock.instant();
    for (TargetChange c : changes) {
      String k = key(c.connectionId(), c.deliveryKey());
      Long seen = byKey.get(k);
      if (seen != null) {
        out.add(new EnqueueResult(seen, true, false));
        continue;
      }
      long id = nextId++;
      rows.put(id, new StoredTargetChange(id, c, JobState.PENDING, 0, now, null, null, now, null));
      byKey.put(k, id);
      out.add(new EnqueueResult(id, false, false));
    }
    return out;
  }

  @Override
  public synchronized List<StoredTargetChange> claim(String owner, int limit, Duration lease) {
    Instant now = clock.instant();
    List<StoredTargetChange> out = new ArrayList<>();
    for (StoredTargetChange r : rows.values()) {
      if (out.size() >= limit) {
        break;
      }
      boolean due = r.state() == JobState.PENDING && !r.runAt().isAfter(now);
      boolean expired = r.state() == JobState.CLAIMED && !r.leaseUntil().isAfter(now);
      if (due || expired) {
        StoredTargetChange claimed =
            new StoredTargetChange(
                r.id(),
                r.change(),
                JobState.CLAIMED,
                r.attempts(),
                r.runAt(),
                owner,
                now.plus(lease),
                now,
                r.lastError());
        out.add(claimed);
      }
    }
    out.forEach(r -> rows.put(r.id(), r));
    return out;
  }

  private StoredTargetChange held(String owner, long id) {
    StoredTargetChange r = rows.get(id);
    return r != null && r.state() == JobState.CLAIMED && owner.equals(r.leaseOwner()) ? r : null;
  }

  @Override
  public synchronized void complete(String owner, Collection<Long> ids) {
    Instant now = clock.instant();
    for (long id : ids) {
      StoredTargetChange r = held(owner, id);
      if (r != null) {
        rows.put(
            id,
            new StoredTargetChange(
                id, r.change(), JobState.DONE, r.attempts(), r.runAt(), null, null, now, null));
      }
    }
  }

  @Override
  public synchronized void fail(String owner, long id, String error, Instant retryAt) {
    StoredTargetChange r = held(owner, id);
    if (r == null) {
      return;
    }
    Instant now = clock.instant();
    rows.put(
        id,
        new StoredTargetChange(
            id,
            r.change(),
            retryAt == null ? JobState.DEAD : JobState.PENDING,
            r.attempts() + 1,
            retryAt == null ? r.runAt() : retryAt,
            null,
            null,
            now,
            error));
  }

  @Override
  public synchronized void defer(String owner, Collection<Long> ids, Instant runAt) {
    Instant now = clock.instant();
    for (long id : ids) {
      StoredTargetChange r = held(owner, id);
      if (r != null) {
        rows.put(
            id,
            new StoredTargetChange(
                id,
                r.change(),
                JobState.PENDING,
                r.attempts(),
                runAt,
                null,
                null,
                now,
                r.lastError()));
      }
    }
  }

  @Override
  public synchronized void hold(String owner, long id, String note) {
    StoredTargetChange r = held(owner, id);
    if (r != null) {
      rows.put(
          id,
          new StoredTargetChange(
              id,
              r.change(),
              JobState.HELD,
              r.attempts(),
              r.runAt(),
              null,
              null,
              clock.instant(),
              note));
    }
  }

  @Override
  public synchronized boolean settle(long id, String note) {
    StoredTargetChange r = rows.get(id);
    if (r == null || r.state() != JobState.HELD) {
      return false;
    }
    rows.put(
        id,
        new StoredTargetChange(
            id,
            r.change(),
            JobState.DONE,
            r.attempts(),
            r.runAt(),
            null,
            null,
            clock.instant(),
            note));
    return true;
  }

  @Override
  public synchronized Set<String> pendingItems(String connectionId, Collection<String> itemIds) {
    Set<String> wanted = new HashSet<>(itemIds);
    Set<String> out = new HashSet<>();
    Instant now = clock.instant();
    for (StoredTargetChange r : rows.values()) {
      if (((r.state() == JobState.PENDING && !r.runAt().isAfter(now))
              || r.state() == JobState.CLAIMED)
          && r.change().connectionId().equals(connectionId)
          && wanted.contains(r.change().itemId())) {
        out.add(r.change().itemId());
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<StoredTargetChange> find(long id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public synchronized List<StoredTargetChange> list(
      String connectionId, JobState state, int offset, int limit) {
    List<StoredTargetChange> out = new ArrayList<>();
    int skipped = 0;
    for (StoredTargetChange r : rows.descendingMap().values()) {
      if ((connectionId != null && !connectionId.equals(r.change().connectionId()))
          || (state != null && state != r.state())) {
        continue;
      }
      if (skipped++ < offset) {
        continue;
      }
      if (out.size() >= limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public synchronized Map<JobState, Long> counts(String connectionId) {
    Map<JobState, Long> out = new EnumMap<>(JobState.class);
    for (StoredTargetChange r : rows.values()) {
      if (connectionId == null || connectionId.equals(r.change().connectionId())) {
        out.merge(r.state(), 1L, Long::sum);
      }
    }
    return out;
  }

  @Override
  public synchronized int purge(Instant before) {
    List<StoredTargetChange> gone =
        rows.values().stream()
            .filter(r -> r.state() == JobState.DONE && r.updatedAt().isBefore(before))
            .toList();
    gone.forEach(this::remove);
    return gone.size();
  }

  @Override
  public synchronized void deleteConnection(String connectionId) {
    rows.values().stream()
        .filter(r -> r.change().connectionId().equals(connectionId))
        .toList()
        .forEach(this::remove);
  }

  private void remove(StoredTargetChange r) {
    rows.remove(r.id());
    byKey.remove(key(r.change().connectionId(), r.change().deliveryKey()));
  }
}
