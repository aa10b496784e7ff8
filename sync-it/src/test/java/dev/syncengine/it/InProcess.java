package dev.syncengine.it;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/** One in-process engine over JDBC stores, woken by LISTEN/NOTIFY. */
final class InProcess implements AutoCloseable {
  final JdbcStores jdbc;
  final Stores stores;
  final SyncEngine engine;

  InProcess(DataSource ds, String key, SinkAdapter sink, String owner) {
    jdbc = Wiring.jdbcStores(ds, key);
    stores = Wiring.stores(jdbc);
    engine = Wiring.engine(stores, new PushSource(), sink, owner, Wiring.workers(2));
    jdbc.listen(engine::wakeUp);
  }

  static void awaitDrained(Stores stores, String connection, Duration timeout)
      throws InterruptedException {
    Await.until(
        timeout,
        () -> "queue drained: " + stores.jobs().counts(connection),
        () -> {
          Map<JobState, Long> c = stores.jobs().counts(connection);
          return c.getOrDefault(JobState.PENDING, 0L) == 0
              && c.getOrDefault(JobState.CLAIMED, 0L) == 0;
        });
  }

  @Override
  public void close() {
    engine.close();
    jdbc.close();
  }
}
