package dev.syncengine.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The durable queue on PostgreSQL: enqueue 100 changes per transaction, and claim + complete in
 * batches of 100. Scores are jobs per second. Runs against {@code SYNC_BENCH_POSTGRES_URL} (default
 * the local server), in a database it creates and drops.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueueBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(4)
public class QueueBenchmark {
  static final int BATCH = 100;
  // more than 4 threads can claim in one iteration, so claims never run dry
  static final int BACKLOG = 400_000;

  private final AtomicLong records = new AtomicLong();
  private String adminUrl;
  private String database;
  private HikariDataSource pool;
  private JobStore store;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    adminUrl =
        System.getenv()
            .getOrDefault(
                "SYNC_BENCH_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    database = "sync_bench_" + ProcessHandle.current().pid();
    execute(adminUrl, "DROP DATABASE IF EXISTS " + database);
    execute(adminUrl, "CREATE DATABASE " + database);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withDatabase(adminUrl, database));
    config.setMaximumPoolSize(8);
    pool = new HikariDataSource(config);
    store = JdbcStores.create(pool).jobStore();
  }

  /**
   * Refills the backlog with plain SQL: enqueueing 400,000 jobs through the API would take minutes.
   */
  @Setup(Level.Iteration)
  public void refill() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM sync_job WHERE connection_id = 'bench-claim'");
      st.execute(
          "INSERT INTO sync_job (connection_id, record_id, kind, source_version, state, attempts,"
              + " run_at, due_at, generation, enqueued_at, updated_at)"
              + " SELECT 'bench-claim', 'r' || g, 'UPSERT', 0, 'PENDING', 0, g, g, 1, 0, 0"
              + " FROM generate_series(1, "
              + BACKLOG
              + ") g");
      st.execute("VACUUM ANALYZE sync_job");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    pool.close();
    execute(adminUrl, "DROP DATABASE IF EXISTS " + database);
  }

  /** One transaction of 100 new changes, each with an idempotency key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<?> enqueue() {
    List<ChangeEvent> events = new ArrayList<>(BATCH);
    Instant now = Instant.now();
    for (int i = 0; i < BATCH; i++) {
      long n = records.incrementAndGet();
      events.add(
          new ChangeEvent(
              "bench-enqueue", "rec-" + n, ChangeKind.UPSERT, now, null, "key-" + n, now));
    }
    return store.enqueue(events);
  }

  /** Claims 100 due jobs with a lease and completes them: one worker's round. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int claimAndComplete(ThreadParams thread) {
    String owner = "worker-" + thread.getThreadIndex();
    List<Job> jobs = store.claim(owner, BATCH, Duration.ofMinutes(5));
    if (jobs.size() < BATCH) {
      throw new IllegalStateException("backlog ran dry: raise BACKLOG");
    }
    store.complete(owner, jobs);
    return jobs.size();
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String withDatabase(String url, String db) {
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    int query = url.indexOf('?');
    return url.substring(0, slash) + "/" + db + (query < 0 ? "" : url.substring(query));
  }
}
