package dev.syncengine.core.spi;

import dev.syncengine.core.model.TargetSchema;
import java.time.Duration;
import java.util.List;

/**
 * One connection's view of a sink, opened by {@link SinkAdapter#open} for one version of the
 * connection's config and closed by the engine when that config changes, the connection is deleted
 * or the engine stops. Methods mean what the same-named {@link SinkAdapter} methods mean, for the
 * connection the session was opened for.
 *
 * <p>Thread-safe. {@link #close()} may run while another thread is still in a call: that call may
 * finish or fail with {@link SyncException}, but must not hang. Sessions of connections that share
 * an API token must share one rate limiter, since the target counts per token.
 */
public interface SinkSession extends AutoCloseable {

  /** See {@link SinkAdapter#schema}. */
  TargetSchema schema();

  /**
   * See {@link SinkAdapter#write(dev.syncengine.core.model.ConnectionConfig, List, CreateIntents)}.
   */
  List<WriteResult> write(List<WriteOp> ops, CreateIntents intents);

  /** See {@link SinkAdapter#untilNextWrite}. */
  default Duration untilNextWrite() {
    return Duration.ZERO;
  }

  /** Releases what the session holds; makes no call to the target. Idempotent. */
  @Override
  default void close() {}
}
