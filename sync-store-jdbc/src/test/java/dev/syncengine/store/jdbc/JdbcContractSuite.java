package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.TargetChangeStore;
import dev.syncengine.testing.contract.ConnectionStoreContract;
import dev.syncengine.testing.contract.CursorStoreContract;
import dev.syncengine.testing.contract.EventLogStoreContract;
import dev.syncengine.testing.contract.IdMapStoreContract;
import dev.syncengine.testing.contract.JobStoreContract;
import dev.syncengine.testing.contract.TargetChangeStoreContract;
import dev.syncengine.testing.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every store contract against one database; one subclass per dialect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContractSuite {
  HikariDataSource pool;

  abstract TestDatabase database();

  abstract Dialect expectedDialect();

  @BeforeAll
  void migrate() {
    pool = TestSupport.pool(database().dataSource(), 6);
    JdbcStores stores =
        JdbcStores.create(pool, JdbcStoreOptions.builder().secretCodec(TestSupport.CODEC).build());
    assertThat(stores.dialect()).isEqualTo(expectedDialect());
  }

  @AfterAll
  void closePool() {
    pool.close();
  }

  JdbcStores stores(Clock clock) {
    TestSupport.clean(pool);
    return JdbcStores.create(pool, TestSupport.options(clock));
  }

  @Test
  void storesCredentialsOnlyInSealedForm() throws Exception {
    ConnectionStore store = stores(Clock.systemUTC()).connectionStore();
    store.save(ConnectionStoreContract.connection("sealed-check"));
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT credentials, config FROM sync_connection")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("sealed:").doesNotContain("wf-secret-token");
      assertThat(rs.getString(2)).doesNotContain("wf-secret-token");
    }
  }

  @Test
  void migratingAgainAppliesNothing() {
    JdbcStores.create(pool, JdbcStoreOptions.builder().build());
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sync_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Migrations.scripts(expectedDialect()).size());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSchemaAtVersion1IsUpgradedInPlaceKeepingItsQueue() throws Exception {
    JobStore before = stores(Clock.systemUTC()).jobStore();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long id = before.enqueue(List.of(ChangeEvent.upsert("c", "r1", t0, null, null))).get(0).jobId();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE sync_job DROP COLUMN claimed_generation");
      st.execute("ALTER TABLE sync_job DROP COLUMN arrived_since_claim");
      st.execute("DELETE FROM sync_schema_version WHERE version_no = 2");
    }
    assertThatThrownBy(() -> before.claim("w", 1, Duration.ofSeconds(30)))
        .as("a schema behind the library says so")
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("schema is behind")
        .hasMessageContaining("Migrations");

    JobStore after =
        JdbcStores.create(
                pool,
                JdbcStoreOptions.builder()
                    .clock(Clock.systemUTC())
                    .secretCodec(TestSupport.CODEC)
                    .build())
            .jobStore();

    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version_no FROM sync_schema_version ORDER BY 1")) {
      List<Integer> versions = new java.util.ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      assertThat(versions)
          .containsExactlyElementsOf(
              Migrations.scripts(expectedDialect()).stream()
                  .map(Migrations.Script::version)
                  .toList());
    }
    List<Job> claimed = after.claim("w", 1, Duration.ofSeconds(30));
    assertThat(claimed).extracting(Job::id).containsExactly(id);
    Instant arrived = Instant.parse("2026-01-01T00:00:07Z");
    ChangeEvent v2 =
        ChangeEvent.upsert("c", "r1", t0.plusSeconds(1), null, null).withReceivedAt(arrived);
    after.enqueue(List.of(v2));
    after.complete("w", claimed);
    assertThat(after.find(id).orElseThrow().enqueuedAt()).isEqualTo(arrived);
  }

  @Nested
  class Jobs extends JobStoreContract {
    @Override
    protected JobStore createStore(Clock clock) {
      return stores(clock).jobStore();
    }
  }

  @Nested
  class Connections extends ConnectionStoreContract {
    @Override
    protected ConnectionStore createStore(Clock clock) {
      return stores(clock).connectionStore();
    }
  }

  @Nested
  class IdMaps extends IdMapStoreContract {
    @Override
    protected IdMapStore createStore(Clock clock) {
      return stores(clock).idMapStore();
    }
  }

  @Nested
  class Cursors extends CursorStoreContract {
    @Override
    protected CursorStore createStore(Clock clock) {
      return stores(clock).cursorStore();
    }
  }

  @Nested
  class EventLog extends EventLogStoreContract {
    @Override
    protected EventLogStore createStore(Clock clock) {
      return stores(clock).eventLogStore();
    }
  }

  @Nested
  class TargetChanges extends TargetChangeStoreContract {
    @Override
    protected TargetChangeStore createStore(Clock clock) {
      return stores(clock).targetChangeStore();
    }
  }
}
