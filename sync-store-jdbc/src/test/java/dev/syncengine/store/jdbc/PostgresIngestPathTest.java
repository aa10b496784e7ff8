package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  private static List<String> analyzedTables(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT relname FROM pg_stat_user_tables WHERE relname IN"
                    + " ('sync_job', 'sync_inbox', 'sync_id_map') AND last_analyze IS NOT NULL"
                    + " ORDER BY relname")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> awaitAnalyzed(Connection c, int tables) throws Exception {
    Await.until(
        Duration.ofSeconds(20),
        () -> tables + " tables analysed",
        () -> {
          try {
            return analyzedTables(c).size() >= tables;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return analyzedTables(c);
  }

  @Test
  void queueTablesThatHaveGrownGetPlannerStatisticsWithoutWaitingForAutovacuum() throws Exception {
    try (Connection c = pool.getConnection()) {
      assertThat(analyzedTables(c)).isEmpty();
      for (int i = 0; i < 1200; i += 100) {
        stores.jobStore().enqueue(events("stats", i, 100));
      }
      assertThat(awaitAnalyzed(c, 2)).containsExactly("sync_inbox", "sync_job");
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT n_distinct FROM pg_stats WHERE tablename = 'sync_inbox'"
                      + " AND attname = 'connection_id'")) {
        assertThat(rs.next()).as("statistics on connection_id").isTrue();
      }

      // the id map fills as jobs complete, after the queue's own tables were analysed
      for (int i = 0; i < 1500; i++) {
        stores
            .idMapStore()
            .put(
                new IdMapping(
                    "stats", "r" + i, "item" + i, Instant.now(), null, null, null, Instant.now()));
      }
      for (int i = 1200; i < 2400; i += 100) {
        stores.jobStore().enqueue(events("stats", i, 100));
      }
      assertThat(awaitAnalyzed(c, 3)).containsExactly("sync_id_map", "sync_inbox", "sync_job");
    }
  }
}
