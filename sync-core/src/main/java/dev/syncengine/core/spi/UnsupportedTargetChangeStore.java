package dev.syncengine.core.spi;

import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.model.TargetChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link TargetChangeStore#UNSUPPORTED}. Stateless. */
final class UnsupportedTargetChangeStore implements TargetChangeStore {
  private static StoreUnavailableException unsupported() {
    return new StoreUnavailableException(
        "these stores keep no target changes (two-way sync needs a TargetChangeStore)", null);
  }

  @Override
  public List<EnqueueResult> append(List<TargetChange> changes) {
    throw unsupported();
  }

  @Override
  public List<StoredTargetChange> claim(String owner, int limit, Duration lease) {
    return List.of();
  }

  @Override
  public void complete(String owner, Collection<Long> ids) {
    throw unsupported();
  }

  @Override
  public void fail(String owner, long id, String error, Instant retryAt) {
    throw unsupported();
  }

  @Override
  public void defer(String owner, Collection<Long> ids, Instant runAt) {
    throw unsupported();
  }

  @Override
  public void hold(String owner, long id, String note) {
    throw unsupported();
  }

  @Override
  public boolean settle(long id, String note) {
    return false;
  }

  @Override
  public Set<String> pendingItems(String connectionId, Collection<String> itemIds) {
    return Set.of();
  }

  @Override
  public Optional<StoredTargetChange> find(long id) {
    return Optional.empty();
  }

  @Override
  public List<StoredTargetChange> list(String connectionId, JobState state, int offset, int limit) {
    return List.of();
  }

  @Override
  public Map<JobState, Long> counts(String connectionId) {
    return Map.of();
  }

  @Override
  public int purge(Instant before) {
    return 0;
  }

  @Override
  public void deleteConnection(String connectionId) {}
}
