package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.webflow.RateLimiterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3: Webflow answers 10% of calls with 5xx, loses 5% of create and update responses after
 * applying them, and a neighbour on the same token causes bursts of 429.
 */
class WebflowFaultsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String CONNECTION = "products";
  private static final int RECORDS = 1_500;

  @Test
  void createsAreNeverDuplicatedUnderServerErrorsLostResponsesAndBurstsOf429() throws Exception {
    String key = SecretBox.generateKey();
    AtomicBoolean noisy = new AtomicBoolean(true);
    try (Webflow wf = new Webflow();
        HikariDataSource ds = Wiring.pool(db.jdbcUrl(), 6);
        InProcess p =
            new InProcess(
                ds, key, Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()), "e1")) {
      wf.sim.addFault(Fault.serverError(500).probability(0.10));
      wf.sim.addFault(
          Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).probability(0.05));
      wf.sim.addFault(
          Fault.responseLostAfterCommit().on(SimOperation.UPDATE_ITEMS).probability(0.05));
      p.stores
          .connections()
          .save(Wiring.pushConnection(CONNECTION, wf.site, wf.collection, Webflow.TOKEN, "hook-t"));
      p.stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      Thread neighbour = new Thread(() -> burstsOf429(wf, noisy), "noisy-neighbour");
      neighbour.setDaemon(true);
      neighbour.start();

      Changes changes = new Changes(CONNECTION);
      p.stores.jobs().enqueue(changes.nextEvents(0, RECORDS));
      p.engine.start();
      Await.until(
          Duration.ofSeconds(60),
          () -> "half the items",
          () -> wf.sim.items(wf.collection).size() >= RECORDS / 2);
      p.stores.jobs().enqueue(changes.nextEvents(0, RECORDS / 3)); // updates while creating
      InProcess.awaitDrained(p.stores, CONNECTION, Duration.ofSeconds(90));
      noisy.set(false);

      var stats = wf.sim.stats();
      System.out.println("webflow faults: " + stats);
      assertThat(stats.faultsInjected()).isPositive();
      assertThat(stats.rateLimited()).as("429s seen").isPositive();
      assertThat(p.stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
      wf.assertExactlyOnceWithNewestData(changes.newest);
      assertThat(stats.itemsCreated()).as("items ever created").isEqualTo(RECORDS);
    }
  }

  /** Every 1.5 s, 70 quick reads on the same token: the window is spent, the sink sees 429s. */
  private static void burstsOf429(Webflow wf, AtomicBoolean on) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(wf.sim.baseUrl() + "/sites"))
            .header("Authorization", "Bearer " + Webflow.TOKEN)
            .build();
    while (on.get()) {
      for (int i = 0; i < 70 && on.get(); i++) {
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
      }
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
