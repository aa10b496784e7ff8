package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.webflow.RateLimiterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6, last part: poisonous records (one the mapping refuses permanently, one on which the
 * mapping throws as a bug would) sit among good ones. They dead-letter; the good records around
 * them, and those enqueued after them, still flow.
 */
class PoisonRecordTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String CONNECTION = "products";
  private static final int RECORDS = 300;

  @Test
  void poisonousRecordsDeadLetterWhileEveryOtherRecordFlows() throws Exception {
    try (Webflow wf = new Webflow();
        HikariDataSource ds = Wiring.pool(db.jdbcUrl(), 6);
        InProcess p =
            new InProcess(
                ds,
                SecretBox.generateKey(),
                Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()),
                "e1")) {
      p.stores
          .connections()
          .save(Wiring.pushConnection(CONNECTION, wf.site, wf.collection, Webflow.TOKEN, "hook-t"));
      p.stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      Changes changes = new Changes(CONNECTION);
      p.engine.start();
      long started = System.nanoTime();

      // Wave 1: good records with poison every 30th position, in the same batches.
      List<ChangeEvent> wave = new ArrayList<>();
      List<String> poisoned = new ArrayList<>();
      for (int n = 0; n < RECORDS; n++) {
        if (n % 30 == 7) {
          String id = "poison-" + n;
          poisoned.add(id);
          wave.add(poison(id, n % 60 == 7 ? null : CopyMapping.BUG_TITLE));
        }
        wave.addAll(changes.nextEvents(n, n + 1));
      }
      p.stores.jobs().enqueue(wave);
      p.engine.wakeUp();
      InProcess.awaitDrained(p.stores, CONNECTION, Duration.ofSeconds(60));
      long firstWaveMs = (System.nanoTime() - started) / 1_000_000;

      // Wave 2, after the poison dead-lettered: newer versions and one more poisonous record.
      poisoned.add("poison-late");
      List<ChangeEvent> later = new ArrayList<>(changes.nextEvents(0, RECORDS / 2));
      later.add(RECORDS / 4, poison("poison-late", CopyMapping.BUG_TITLE));
      p.stores.jobs().enqueue(later);
      p.engine.wakeUp();
      InProcess.awaitDrained(p.stores, CONNECTION, Duration.ofSeconds(60));
      long totalMs = (System.nanoTime() - started) / 1_000_000;

      System.out.printf(
          "poison: %d poisonous among %d records; wave 1 drained in %d ms, all in %d ms; %s%n",
          poisoned.size(), RECORDS, firstWaveMs, totalMs, p.stores.jobs().counts(CONNECTION));
      assertThat(p.stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L))
          .as("dead-lettered")
          .isEqualTo(poisoned.size());
      wf.assertExactlyOnceWithNewestData(changes.newest);
    }
  }

  private static ChangeEvent poison(String id, String title) {
    ObjectNode data = Changes.JSON.createObjectNode();
    if (title != null) {
      data.put("title", title);
    }
    data.put("price", 1).put("rev", 1);
    return ChangeEvent.upsert(CONNECTION, id, Instant.now(), data, "evt-" + id);
  }
}
