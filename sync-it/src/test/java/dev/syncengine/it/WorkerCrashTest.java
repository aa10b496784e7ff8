package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1: a worker JVM is killed with SIGKILL mid-batch three times during a 5,000-record sync
 * (with newer versions of 500 records arriving after each kill); a fresh worker then finishes.
 */
class WorkerCrashTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final int RECORDS = 5_000;
  private static final String CONNECTION = "products";
  private static final String KEY = SecretBox.generateKey();

  @Test
  void fiveThousandRecordsArriveExactlyOnceThoughTheWorkerIsKilledMidBatchThreeTimes()
      throws Exception {
    // Each create takes 40 ms more, so a kill often lands between Webflow's commit and our record.
    try (Webflow wf =
            new Webflow(
                WebflowSimulator.builder()
                    .rateLimit(Wiring.RATE_LIMIT, Wiring.RATE_WINDOW)
                    .latency(Duration.ofMillis(5)));
        HikariDataSource ds = Wiring.pool(db.jdbcUrl(), 4)) {
      wf.sim.addFault(Fault.latency(Duration.ofMillis(40)).on(SimOperation.CREATE_ITEMS));
      JdbcStores jdbc = Wiring.jdbcStores(ds, KEY);
      Stores stores = Wiring.stores(jdbc);
      stores
          .connections()
          .save(Wiring.pushConnection(CONNECTION, wf.site, wf.collection, Webflow.TOKEN, "hook-t"));
      stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      Changes changes = new Changes(CONNECTION);
      for (int i = 0; i < RECORDS; i += 1000) {
        stores.jobs().enqueue(changes.nextEvents(i, i + 1000));
      }

      int[] killAt = {900, 2300, 3700};
      int kills = 0;
      for (int threshold : killAt) {
        Process worker = startWorker(wf, "worker-" + kills);
        Await.until(
            Duration.ofSeconds(60),
            () -> threshold + " items; have " + wf.sim.items(wf.collection).size(),
            () -> wf.sim.items(wf.collection).size() >= threshold || !worker.isAlive());
        assertThat(worker.isAlive()).as("worker alive until killed").isTrue();
        System.out.printf(
            "kill %d at %d items (%s)%n", kills, wf.sim.items(wf.collection).size(), Instant.now());
        worker.destroyForcibly(); // SIGKILL: no shutdown hook, no lease release
        assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();
        kills++;
        // Newer versions of 500 records arrive while no worker runs.
        int from = (kills * 1_300) % (RECORDS - 500);
        stores.jobs().enqueue(changes.nextEvents(from, from + 500));
      }
      assertThat(kills).isEqualTo(3);

      Process last = startWorker(wf, "worker-final");
      System.out.println("final worker started " + Instant.now());
      try {
        Await.until(
            Duration.ofSeconds(90),
            () -> "queue drained: " + stores.jobs().counts(CONNECTION),
            () -> {
              Map<JobState, Long> c = stores.jobs().counts(CONNECTION);
              return c.getOrDefault(JobState.PENDING, 0L) == 0
                  && c.getOrDefault(JobState.CLAIMED, 0L) == 0;
            });
      } finally {
        last.destroyForcibly();
        last.waitFor(10, TimeUnit.SECONDS);
      }
      System.out.println("drained " + Instant.now() + " " + wf.sim.stats());
      assertThat(stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
      assertThat(changes.newest).hasSize(RECORDS);
      wf.assertExactlyOnceWithNewestData(changes.newest);
      assertThat(wf.sim.stats().itemsCreated()).as("items ever created").isEqualTo(RECORDS);
    }
  }

  /** A worker JVM on this test's classpath, sharing its database; waits for it to be ready. */
  private static Process startWorker(Webflow wf, String owner) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    cmd.add(db.jdbcUrl());
    cmd.add(wf.sim.baseUrl());
    cmd.add(owner);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(new File("target/" + owner + ".err.log"));
    pb.environment().put(Wiring.KEY_VARIABLE, KEY);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.equals("READY")) {
      line = out.readLine();
    }
    assertThat(line).as("%s's first line (see target/%s.err.log)", owner, owner).isEqualTo("READY");
    // Keep draining stdout so the child never blocks on a full pipe.
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {}
              } catch (Exception ignored) {
                // the process died
              }
            });
    drain.setDaemon(true);
    drain.start();
    return p;
  }
}
