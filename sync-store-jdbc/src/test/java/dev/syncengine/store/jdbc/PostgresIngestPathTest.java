package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.testing.db.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL's ingest path on a fresh database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIngestPathTest {
  @RegisterExtension static final PostgresDatabase DB = new PostgresDatabase();

  HikariDataSource pool;
  JdbcStores stores;

  @BeforeAll
  void start() throws Exception {
    pool = TestSupport.pool(DB.dataSource(), 8);
    stores = JdbcStores.create(pool);
    // autovacuum must not gather the statistics first: this test is about the store doing it
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String t : List.of("sync_job", "sync_inbox", "sync_id_map")) {
        st.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
      }
    }
  }

  @AfterAll
  void stop() {
    stores.close();
    pool.close();
  }

  private static List<ChangeEvent> events(String connection, int from, int n) {
    List<ChangeEvent> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(ChangeEvent.upsert(connection, "r" + i, Instant.now(), null, connection + "-k" + i));
    }
    return out;
  }

  private static long analyzedTables(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN"
                    + " ('sync_job', 'sync_inbox', 'sync_id_map') AND last_analyze IS NOT NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void queueTablesThatHaveGrownGetPlannerStatisticsWithoutWaitingForAutovacuum() throws Exception {
    try (Connection c = pool.getConnection()) {
      assertThat(analyzedTables(c)).isZero();
      for (int i = 0; i < 1200; i += 100) {
        stores.jobStore().enqueue(events("stats", i, 100));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (analyzedTables(c) < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(analyzedTables(c)).isEqualTo(3);
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT n_distinct FROM pg_stats WHERE tablename = 'sync_inbox'"
                      + " AND attname = 'connection_id'")) {
        assertThat(rs.next()).as("statistics on connection_id").isTrue();
      }
    }
  }
}
