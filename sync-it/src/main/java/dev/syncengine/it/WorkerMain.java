package dev.syncengine.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.webflow.RateLimiterRegistry;

/**
 * A worker process: {@code java dev.syncengine.it.WorkerMain <jdbcUrl> <webflowBaseUrl> <owner>}.
 * The credentials key comes from {@value Wiring#KEY_VARIABLE}. Builds the engine over the shared
 * database, starts its workers, prints {@code READY} and runs until killed. The crash scenario
 * kills it with SIGKILL, so nothing here may rely on shutdown.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: WorkerMain <jdbcUrl> <webflowBaseUrl> <owner>");
      System.exit(2);
    }
    HikariDataSource ds = Wiring.pool(args[0], 4);
    Wiring.awaitDatabase(ds, java.time.Duration.ofSeconds(30));
    JdbcStores jdbc = Wiring.jdbcStores(ds, System.getenv(Wiring.KEY_VARIABLE));
    SyncEngine engine =
        Wiring.engine(
            Wiring.stores(jdbc),
            new PushSource(),
            Wiring.sink(args[1], RateLimiterRegistry.create()),
            args[2],
            Wiring.workers(2));
    jdbc.listen(engine::wakeUp);
    engine.start();
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }
}
