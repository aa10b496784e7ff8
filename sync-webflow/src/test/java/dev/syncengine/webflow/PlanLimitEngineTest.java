package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ConnectionProblems;
import dev.syncengine.core.RunSummary;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine over the real sink and the simulator: a connection whose collection reaches its plan's
 * item limit dead-letters the records that do not fit (once each, no retries), shows the limit as
 * its dead-letter problem, and another connection of the same site keeps flowing.
 */
class PlanLimitEngineTest {
  private static final MappingCompiler COMPILER =
      (version, source, target) ->
          (record, context) -> {
            ObjectNode fd = FakeSource.JSON.createObjectNode();
            fd.put("name", record.values().path("name").asText());
            fd.put("slug", "r-" + record.id());
            return new MappedItem(fd, ItemAction.DEFAULT, List.of());
          };

  @Test
  void aFullCollectionDeadLettersWhatDoesNotFitAndTheOtherConnectionFlows() {
    try (SinkOnSimulator on = new SinkOnSimulator(List.of())) {
      String other = on.sim.createCollection(on.site, "Articles", List.of());
      on.sim.planLimits().maxItemsPerCollection(3);
      Stores stores = InMemoryStores.create(Clock.systemUTC());
      ConnectionConfig full = connection("full", on, on.collection);
      ConnectionConfig flowing = connection("flowing", on, other);
      stores.connections().save(full);
      stores.connections().save(flowing);
      stores.connections().saveMapping("full", FakeSource.JSON.createObjectNode());
      stores.connections().saveMapping("flowing", FakeSource.JSON.createObjectNode());
      SyncEngine engine =
          SyncEngine.builder()
              .stores(stores)
              .source(new FakeSource(Clock.systemUTC()))
              .sink(on.sink)
              .mappingCompiler(COMPILER)
              .workers(
                  new WorkerSettings(
                      1, 50, Duration.ofMillis(20), Duration.ofMinutes(1), Duration.ofSeconds(5)))
              .owner("w1")
              .build();
      List<ChangeEvent> events = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        events.add(event("full", "f" + i));
        if (i < 3) {
          events.add(event("flowing", "g" + i));
        }
      }
      stores.jobs().enqueue(events);

      long claimed = 0;
      for (RunSummary r = engine.runOnce(); r.claimed() > 0; r = engine.runOnce()) {
        claimed += r.claimed();
      }

      assertThat(claimed).as("each job claimed once: permanent, never retried").isEqualTo(8);
      assertThat(on.sim.items(on.collection)).hasSize(3);
      assertThat(on.sim.items(other)).hasSize(3);
      assertThat(stores.jobs().counts("flowing")).containsEntry(JobState.DEAD, 0L);
      assertThat(engine.problems("flowing").deadLetter()).isNull();
      assertThat(stores.jobs().counts("full")).containsEntry(JobState.DEAD, 2L);
      ConnectionProblems problems = engine.problems("full");
      assertThat(problems.deadLetter().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT);
      assertThat(problems.deadLetter().message())
          .contains("not created")
          .contains("limit of the site's plan");
      assertThat(problems.deadLetter().recordId()).startsWith("f");
      engine.close();
    }
  }

  private static ConnectionConfig connection(String id, SinkOnSimulator on, String collection) {
    return ConnectionConfig.builder(id)
        .source(new ResourceRef("fake", null, "t-" + id))
        .target(new ResourceRef("webflow", on.site, collection))
        .publishMode(PublishMode.STAGED)
        .retry(new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(50), 5))
        .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, SinkOnSimulator.TOKEN))
        .options(Map.of())
        .build();
  }

  private static ChangeEvent event(String connection, String record) {
    ObjectNode data = FakeSource.JSON.createObjectNode().put("name", "Item " + record);
    return ChangeEvent.upsert(connection, record, Instant.now(), data, "evt-" + record);
  }
}
