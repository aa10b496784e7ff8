package dev.syncengine.core.spi;

import dev.syncengine.core.model.TargetSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One connection's view of a sink, opened by {@link SinkAdapter#open} for one version of the
 * connection's config and closed by the engine when that config changes, the connection is deleted
 * or the engine stops. It batches ops into as few calls as the target allows, paces itself under
 * its rate limit, and never creates two items for one record.
 *
 * <p>Thread-safe. {@link #close()} may run while another thread is still in a call: that call may
 * finish or fail with {@link SyncException}, but must not hang. Sessions of connections that share
 * an API token must share one rate limiter, since the target counts per token.
 */
public interface SinkSession extends AutoCloseable {

  /** The collection's schema; the engine caches it. */
  TargetSchema schema();

  /**
   * Writes a batch (at most the connection's batch size) and publishes per its publish mode,
   * recording each create's key through {@code intents} before the create is sent, so that a create
   * whose outcome a crash hid can be found again ({@link CreateIntents#NONE} when the caller keeps
   * none). Item-level failures are isolated: one result per op.
   *
   * @throws SyncException when the whole batch failed (e.g. unauthorized, target unreachable)
   */
  List<WriteResult> write(List<WriteOp> ops, CreateIntents intents);

  /**
   * How long a write issued now would wait for the target's rate limit before its first request
   * could start: zero while a request slot is free. The engine writes at once while a slot is free
   * and otherwise lets changes gather until the slot opens, so that one request carries all of
   * them. The default says a slot is always free.
   */
  default Duration untilNextWrite() {
    return Duration.ZERO;
  }

  /**
   * The target's items, when the sink can list them: the two-way linking pass of backfill and
   * reconcile needs it to match records to items that already exist. The default lists none.
   */
  default Optional<TargetItems> items() {
    return Optional.empty();
  }

  /** Releases what the session holds; makes no call to the target. Idempotent. */
  @Override
  default void close() {}
}
