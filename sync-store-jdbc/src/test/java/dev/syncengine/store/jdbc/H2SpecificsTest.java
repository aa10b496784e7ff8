package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.testing.db.H2Database;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In-process wake-ups and the migration switch on the embedded default. */
class H2SpecificsTest {
  @RegisterExtension static final H2Database DB = new H2Database();

  @Test
  void anEnqueueWakesListenersInThisProcessUntilTheyUnsubscribe() throws Exception {
    JdbcStores stores = JdbcStores.create(DB.dataSource());
    CountDownLatch woken = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();

    try (JobSubscription s =
        stores.listen(
            () -> {
              calls.incrementAndGet();
              woken.countDown();
            })) {
      stores.jobStore().enqueue(List.of(ChangeEvent.upsert("c", "r1", Instant.now(), null, null)));
      assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
    }
    stores.jobStore().enqueue(List.of(ChangeEvent.upsert("c", "r2", Instant.now(), null, null)));

    assertThat(calls).hasValue(1);
  }

  @Test
  void withMigrationsOffTheBundledScriptsCanBeRunByTheHost() throws Exception {
    H2Database fresh = new H2Database();
    fresh.beforeAll(null);
    try {
      try (var c = fresh.dataSource().getConnection();
          var st = c.createStatement()) {
        for (Migrations.Script s : Migrations.scripts(Dialect.H2)) {
          st.execute(s.sql());
        }
      }
      JdbcStores stores =
          JdbcStores.create(fresh.dataSource(), JdbcStoreOptions.builder().migrate(false).build());
      stores.cursorStore().put("c", "n", "v");
      assertThat(stores.cursorStore().get("c", "n")).contains("v");
      try (var c = fresh.dataSource().getConnection();
          var rs = c.getMetaData().getTables(null, null, "SYNC_SCHEMA_VERSION", null)) {
        assertThat(rs.next()).as("the library created no version table").isFalse();
      }
    } finally {
      fresh.afterAll(null);
    }
  }
}
