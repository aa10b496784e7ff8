package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.testing.contract.ConnectionStoreContract;
import dev.syncengine.testing.contract.CursorStoreContract;
import dev.syncengine.testing.contract.EventLogStoreContract;
import dev.syncengine.testing.contract.IdMapStoreContract;
import dev.syncengine.testing.contract.JobStoreContract;
import dev.syncengine.testing.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
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
}
