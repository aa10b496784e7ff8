package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A mapping's warnings about one record (an image over the target's size limit left out) do not
 * fail it: the item is written, and the warning is the message of its sync log entry, which the
 * item inspector ({@code GET /items}) and the sync log show.
 */
class ItemWarningsTest {
  private static final String WARNING =
      "field 'hero' (Image), rule direct(Photos): file 'big.jpg' of 5242880 bytes is over Image's"
          + " limit of 4194304 bytes; left out";

  /** Copies the record, warns when it has {@code big}. */
  private static final MappingCompiler COMPILER =
      (version, source, target) ->
          (record, context) -> {
            ObjectNode fd = record.values().deepCopy();
            fd.put("slug", "r-" + record.id());
            fd.remove("big");
            return new MappedItem(
                fd, ItemAction.DEFAULT, record.values().has("big") ? List.of(WARNING) : List.of());
          };

  @Test
  void aWrittenItemCarriesItsMappingWarningsIntoTheSyncLog() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-05T10:00:00Z"));
    EngineFixture f = new EngineFixture(clock);
    SyncEngine engine =
        SyncEngine.builder()
            .stores(f.stores)
            .source(f.source)
            .sink(f.sink)
            .mappingCompiler(COMPILER)
            .clock(clock)
            .workers(EngineFixture.workers(1, Duration.ofMinutes(1)))
            .owner("w1")
            .configCacheTtl(Duration.ZERO)
            .build();
    ArrayNode events = FakeSource.JSON.createArrayNode();
    ObjectNode withBig = EngineFixture.event("e1", "rec1", "UPSERT", 1, "Mug");
    withBig.with("data").put("big", true);
    events.add(withBig);
    events.add(EngineFixture.event("e2", "rec2", "UPSERT", 1, "Cup"));
    engine.ingest(EngineFixture.CONNECTION, f.signed(events));

    engine.runOnce();

    assertThat(f.sink.itemFor("r-rec1")).as("the item is written").isNotNull();
    List<LogEntry> warned = history(engine, "rec1");
    assertThat(warned)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(LogStatus.SUCCESS);
              assertThat(e.message()).isEqualTo("warnings: " + WARNING);
            });
    assertThat(history(engine, "rec2"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isNull());
    assertThat(f.stores.jobs().counts(EngineFixture.CONNECTION))
        .containsEntry(dev.syncengine.core.model.JobState.DEAD, 0L);
  }

  private static List<LogEntry> history(SyncEngine engine, String record) {
    return engine
        .inspect()
        .log(new LogQuery(EngineFixture.CONNECTION, Set.of(), record, null, null, 0, 10));
  }
}
