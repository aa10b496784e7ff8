package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record deleted after a create of its item was sent but never confirmed (the process was killed
 * in between): the delete finds that item by the create key and removes it, as the real app's crash
 * test showed it must (an item of a deleted record stayed in Webflow).
 */
class UnconfirmedDeleteTest {
  private static final String TOKEN = "unconfirmed-delete-token-0123";
  private WebflowSimulator sim;
  private String collection;

  @BeforeEach
  void start() {
    sim = WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).tokens(TOKEN).start();
    collection =
        sim.createCollection(
            sim.createSite("Shop"), "Items", List.of(SimField.optional("price", "Number")));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private ConnectionConfig connection() {
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", "site", collection))
        .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, TOKEN))
        .build();
  }

  private SinkUnderTest sink() {
    return new SinkUnderTest(
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .retryDelay(Duration.ofMillis(5)))
            .build());
  }

  private String seed(String name, String slug, boolean live) {
    ObjectNode fd = Json.object();
    fd.put("name", name);
    fd.put("slug", slug);
    return sim.seedItem(collection, fd, live);
  }

  private static CreateIntents mapped(Map<String, String> recordByItem) {
    return new CreateIntents() {
      @Override
      public void record(Map<String, String> keyByRecordId) {}

      @Override
      public Optional<String> recordOfItem(String itemId) {
        return Optional.ofNullable(recordByItem.get(itemId));
      }
    };
  }

  @Test
  void aDeleteOfARecordWhoseCreateWasNeverConfirmedRemovesTheItemThatCreateMade() {
    seed("Item 1", "item-1", true);
    List<WriteResult> r =
        sink()
            .write(
                connection(),
                List.of(new WriteOp.Delete("rec1", null, "item-1")),
                CreateIntents.NONE);
    assertThat(r.get(0).outcome()).isEqualTo(WriteResult.Outcome.DELETED);
    assertThat(sim.items(collection)).isEmpty();
  }

  @Test
  void anItemUnderTheCreateKeyThatAnotherRecordsMappingNamesIsLeftAlone() {
    String other = seed("Item 1", "item-1", false);
    List<WriteResult> r =
        sink()
            .write(
                connection(),
                List.of(new WriteOp.Delete("rec1", null, "item-1")),
                mapped(Map.of(other, "rec2")));
    assertThat(r.get(0).outcome()).isEqualTo(WriteResult.Outcome.DELETED);
    assertThat(r.get(0).itemId()).isNull();
    assertThat(sim.items(collection)).hasSize(1);
  }

  @Test
  void aCreateKeyThatMadeNoItemMeansNothingToDelete() {
    seed("Unrelated", "unrelated", false);
    List<WriteResult> r =
        sink()
            .write(
                connection(),
                List.of(new WriteOp.Delete("rec1", null, "item-1")),
                CreateIntents.NONE);
    assertThat(r.get(0).outcome()).isEqualTo(WriteResult.Outcome.DELETED);
    assertThat(sim.items(collection)).hasSize(1);
  }

  @Test
  void aLargeCollectionCostsAtMostTwentyListingsBeforeTheFirstCreate() {
    for (int i = 0; i < 2_500; i++) {
      seed("Old " + i, "old-" + i, false);
    }
    sim.resetStats();
    ObjectNode fd = Json.object();
    fd.put("name", "New");
    fd.put("slug", "new");
    List<WriteResult> r =
        sink()
            .write(
                connection(),
                List.of(new WriteOp.Upsert("rec1", fd, null, null)),
                CreateIntents.NONE);
    assertThat(r.get(0).outcome()).isEqualTo(WriteResult.Outcome.CREATED);
    assertThat(
            sim.stats()
                .byOperation()
                .getOrDefault(dev.syncengine.testing.webflow.SimOperation.LIST_ITEMS, 0L))
        .isLessThanOrEqualTo(20L);
  }
}
