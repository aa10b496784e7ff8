package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The default {@link SinkAdapter#open}: the adapter's methods, bound to one connection. */
final class BoundSinkSession implements SinkSession {
  private final SinkAdapter adapter;
  private final ConnectionConfig c;

  BoundSinkSession(SinkAdapter adapter, ConnectionConfig connection) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.c = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public TargetSchema schema() {
    return adapter.schema(c);
  }

  @Override
  public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
    return adapter.write(c, ops, intents);
  }

  @Override
  public Duration untilNextWrite() {
    return adapter.untilNextWrite(c);
  }
}
