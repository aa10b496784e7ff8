package dev.syncengine.core.spi;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.SourceAdapter.PullPage;
import dev.syncengine.core.spi.SourceAdapter.RecordPage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The default {@link SourceAdapter#open}: the adapter's methods, bound to one connection. */
final class BoundSourceSession implements SourceSession {
  private final SourceAdapter adapter;
  private final ConnectionConfig c;

  BoundSourceSession(SourceAdapter adapter, ConnectionConfig connection) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.c = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
    return adapter.parse(c, request);
  }

  @Override
  public PullPage pull(String pullKey, String cursor) {
    return adapter.pull(c, pullKey, cursor);
  }

  @Override
  public Map<String, SourceRecord> resolve(List<PendingChange> changes) {
    return adapter.resolve(c, changes);
  }

  @Override
  public RecordPage list(String cursor, int limit, Instant updatedSince) {
    return adapter.list(c, cursor, limit, updatedSince);
  }

  @Override
  public SourceSchema schema() {
    return adapter.schema(c);
  }

  @Override
  public Map<String, String> subscribe(String notificationUrl) {
    return adapter.subscribe(c, notificationUrl);
  }

  @Override
  public void unsubscribe() {
    adapter.unsubscribe(c);
  }

  @Override
  public Map<String, String> maintain() {
    return adapter.maintain(c);
  }

  @Override
  public List<ChangeEvent> catchUp(Instant now) {
    return adapter.catchUp(c, now);
  }
}
