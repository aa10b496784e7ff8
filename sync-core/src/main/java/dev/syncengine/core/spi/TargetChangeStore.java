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

/**
 * The durable, deduplicated stream of changes made at the target (two-way connections): one row per
 * delivery, unique per (connection, delivery key) for as long as the row is kept, claimed under a
 * lease like {@link JobStore}'s jobs. The reverse path (target → source) consumes it.
 *
 * <p>Time comes from the store's {@link java.time.Clock}. Every method may throw {@link
 * StoreUnavailableException}. Implementations are thread-safe.
 */
public interface TargetChangeStore {

  /**
   * Stores changes durably: on return each is stored, or was a duplicate of one stored before under
   * the same delivery key (the result then names that row).
   *
   * @return one result per change, in order ({@link EnqueueResult#stale()} is always false)
   */
  List<EnqueueResult> append(List<TargetChange> changes);

  /**
   * Claims up to {@code limit} rows, oldest first: pending with {@code runAt <= now}, or claimed
   * with an expired lease. Never returns a row another live lease holds.
   */
  List<StoredTargetChange> claim(String owner, int limit, Duration lease);

  /** Marks rows done; rows {@code owner} no longer holds are left alone. */
  void complete(String owner, Collection<Long> ids);

  /**
   * Records a failure of a row {@code owner} holds: back to pending at {@code retryAt} with
   * attempts + 1, or dead when {@code retryAt} is null.
   */
  void fail(String owner, long id, String error, Instant retryAt);

  /**
   * Gives rows {@code owner} holds back to pending at {@code runAt}, without counting an attempt
   * (their connection is paused, or their item waits for another change to finish).
   */
  void defer(String owner, Collection<Long> ids, Instant runAt);

  /**
   * Moves a row {@code owner} holds to {@link JobState#HELD}, waiting for a person's decision, with
   * {@code note} (shown as its last error) saying what waits.
   */
  void hold(String owner, long id, String note);

  /**
   * Ends a {@link JobState#HELD} row with a person's decision: it becomes done, with {@code note}.
   *
   * @return false when the row is not held (decided before, or unknown)
   */
  boolean settle(long id, String note);

  /**
   * The items of {@code itemIds} that have a row in work or due now (claimed, or pending with
   * {@code runAt <= now}; a row deferred or backing off does not count): a source change of such an
   * item waits until the target's change has been carried back first.
   */
  Set<String> pendingItems(String connectionId, Collection<String> itemIds);

  Optional<StoredTargetChange> find(long id);

  /**
   * Lists rows newest first.
   *
   * @param connectionId filter, or null for all
   * @param state filter, or null for all
   */
  List<StoredTargetChange> list(String connectionId, JobState state, int offset, int limit);

  /** Counts per state; {@code connectionId} null for all. */
  Map<JobState, Long> counts(String connectionId);

  /** Deletes done rows last updated before {@code before}; their delivery keys go with them. */
  int purge(Instant before);

  /** Deletes every row of a connection. */
  void deleteConnection(String connectionId);

  /**
   * For store sets without a reverse stream: every write throws {@link StoreUnavailableException},
   * so a delivery is answered 503 and the sender retries (nothing is acknowledged that was not
   * stored); reads are empty.
   */
  TargetChangeStore UNSUPPORTED = new UnsupportedTargetChangeStore();
}
