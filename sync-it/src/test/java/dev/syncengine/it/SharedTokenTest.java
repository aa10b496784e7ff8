package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.webflow.RateLimiterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5: three engines on one PostgreSQL database share one Webflow token, each with its own
 * rate limiters as separate processes would have.
 */
class SharedTokenTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String CONNECTION = "products";
  private static final int RECORDS = 1_500;

  @Test
  void threeEnginesNeverWriteOneRecordAtOnceAndStayUnderTwoPercentOf429s() throws Exception {
    String key = SecretBox.generateKey();
    WriteIntervals intervals = new WriteIntervals();
    List<InProcess> engines = new ArrayList<>();
    try (Webflow wf = new Webflow();
        HikariDataSource ds = Wiring.pool(db.jdbcUrl(), 12)) {
      for (int i = 0; i < 3; i++) {
        String owner = "engine-" + i;
        engines.add(
            new InProcess(
                ds,
                key,
                intervals.wrap(owner, Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create())),
                owner));
      }
      var stores = engines.get(0).stores;
      stores
          .connections()
          .save(Wiring.pushConnection(CONNECTION, wf.site, wf.collection, Webflow.TOKEN, "hook-t"));
      stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      engines.forEach(e -> e.engine.start());

      Changes changes = new Changes(CONNECTION);
      // Waves of creates and updates while all three run, so they compete for the same records.
      for (int wave = 0; wave < 5; wave++) {
        stores.jobs().enqueue(changes.nextEvents(0, RECORDS * (wave + 1) / 5));
        Thread.sleep(400); // the waves' pace: load generation, not a wait
      }
      InProcess.awaitDrained(stores, CONNECTION, Duration.ofSeconds(90));

      var stats = wf.sim.stats();
      System.out.println("shared token: " + stats + ", writes " + intervals.size());
      assertThat(intervals.engines()).as("engines that wrote").isEqualTo(3);
      assertThat(intervals.overlaps()).as("overlapping writes of one record").isEmpty();
      assertThat((double) stats.rateLimited() / stats.requests())
          .as("share of 429s (%d of %d)", stats.rateLimited(), stats.requests())
          .isLessThan(0.02);
      assertThat(stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
      wf.assertExactlyOnceWithNewestData(changes.newest);
      assertThat(stats.itemsCreated()).isEqualTo(RECORDS);
    } finally {
      engines.forEach(InProcess::close);
    }
  }
}
