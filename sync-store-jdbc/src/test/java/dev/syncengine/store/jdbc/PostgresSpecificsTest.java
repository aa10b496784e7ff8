package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.testing.contract.ConnectionStoreContract;
import dev.syncengine.testing.db.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** Migration locking, LISTEN/NOTIFY, outages and real AES-GCM credentials on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSpecificsTest {
  @RegisterExtension static final PostgresDatabase DB = new PostgresDatabase();

  HikariDataSource pool;

  @BeforeAll
  void startInstancesTogether() throws Exception {
    pool = TestSupport.pool(DB.dataSource(), 8);
    // four instances against a fresh database at once: the advisory lock must serialise them
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<JdbcStores>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(
            threads.submit(
                () -> {
                  go.await();
                  return JdbcStores.create(pool);
                }));
      }
      go.countDown();
      for (Future<JdbcStores> f : starts) {
        assertThat(f.get(60, TimeUnit.SECONDS).dialect()).isEqualTo(Dialect.POSTGRESQL);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @AfterAll
  void closePool() {
    pool.close();
  }

  @Test
  void concurrentStartsApplyEachMigrationOnce() throws Exception {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sync_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Migrations.scripts(Dialect.POSTGRESQL).size());
    }
  }

  @Test
  void sessionsRunInANonUtcTimeZone() throws Exception {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW TimeZone")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(PostgresDatabase.SESSION_TIME_ZONE);
    }
  }

  @Test
  void anEnqueueInAnotherInstanceWakesTheListener() throws Exception {
    JdbcStores listening = JdbcStores.create(pool);
    JdbcStores producing = JdbcStores.create(pool);
    CountDownLatch woken = new CountDownLatch(1);
    CountDownLatch connected = new CountDownLatch(1);
    try (JobSubscription s1 = listening.listen(connected::countDown)) {
      // the listener fires once when it starts listening; only then can a NOTIFY reach it
      assertThat(connected.await(30, TimeUnit.SECONDS))
          .as(
              "listening within 30 s; active pool connections: %s",
              pool.getHikariPoolMXBean().getActiveConnections())
          .isTrue();
      try (JobSubscription s2 = listening.listen(woken::countDown)) {
        producing
            .jobStore()
            .enqueue(List.of(ChangeEvent.upsert("n", "r1", Instant.now(), null, null)));
        assertThat(woken.await(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      listening.close();
    }
  }

  @Test
  void storeCallsFailAsUnavailableWhileTheDatabaseIsDownAndResumeWithoutLosingClaims() {
    SwitchableDataSource ds = new SwitchableDataSource(DB.dataSource());
    JdbcStores stores = JdbcStores.create(ds, JdbcStoreOptions.builder().migrate(false).build());
    JobStore jobs = stores.jobStore();
    jobs.enqueue(List.of(ChangeEvent.upsert("down", "r1", Instant.now(), null, "k-down")));
    List<Job> claimed = jobs.claim("w1", 10, Duration.ofMinutes(1));
    assertThat(claimed).hasSize(1);

    ds.down = true;
    assertThatThrownBy(
            () ->
                jobs.enqueue(List.of(ChangeEvent.upsert("down", "r2", Instant.now(), null, "k2"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> jobs.complete("w1", claimed))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> JdbcStores.create(ds)).isInstanceOf(StoreUnavailableException.class);

    ds.down = false;
    jobs.complete("w1", claimed);
    assertThat(jobs.find(claimed.get(0).id())).map(Job::state).contains(JobState.DONE);
    assertThat(jobs.findByRecord("down", "r2")).as("nothing acknowledged while down").isEmpty();
  }

  @Test
  void credentialsSealedWithSecretBoxRoundTripAndAreNotStoredInClear() throws Exception {
    SecretBox box = SecretBox.builder().key("k1", SecretBox.generateKey()).build();
    JdbcStores stores =
        JdbcStores.create(pool, JdbcStoreOptions.builder().secretBox(box).migrate(false).build());
    ConnectionConfig c = ConnectionStoreContract.connection("boxed");

    stores.connectionStore().save(c);

    assertThat(stores.connectionStore().find("boxed")).contains(c);
    try (Connection conn = pool.getConnection();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT credentials FROM sync_connection WHERE id = 'boxed'")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("wf-secret-token").doesNotContain("webflow.token");
    }
  }

  /** A data source that can be "unplugged": while down it points at a port nobody listens on. */
  static final class SwitchableDataSource extends PGSimpleDataSource {
    private final javax.sql.DataSource up;
    volatile boolean down;

    SwitchableDataSource(javax.sql.DataSource up) {
      this.up = up;
      setURL("jdbc:postgresql://127.0.0.1:1/none?user=postgres&connectTimeout=2");
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
      return down ? super.getConnection() : up.getConnection();
    }
  }
}
