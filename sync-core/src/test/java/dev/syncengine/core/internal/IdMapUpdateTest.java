package dev.syncengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.memory.InMemoryIdMapStore;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What one chunk's writes leave in the id map: the item's version after each write above all. */
class IdMapUpdateTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");
  private static final Instant SOURCE_V = Instant.parse("2026-01-01T00:00:05Z");
  private static final Instant WRITTEN_V = Instant.parse("2026-01-01T00:00:09.123Z");
  private static final Instant EARLIER_V = Instant.parse("2025-12-31T23:00:00.456Z");

  private final InMemoryIdMapStore store = new InMemoryIdMapStore();

  private static ObjectNode fd(String name) {
    return JsonNodeFactory.instance.objectNode().put("name", name).put("slug", name);
  }

  private static IdMapping before(String recordId, String itemId, Instant targetVersion) {
    return new IdMapping(
        "c1",
        recordId,
        itemId,
        SOURCE_V.minusSeconds(60),
        fd("old"),
        null,
        "live",
        NOW.minusSeconds(60),
        targetVersion);
  }

  private static WriteResult result(String recordId, Outcome outcome, Instant targetVersion) {
    return new WriteResult(
        recordId, outcome, "item-" + recordId, fd("new"), "live", null, null, targetVersion);
  }

  @Test
  void aWriteKeepsTheItemsVersionTheTargetReported() {
    IdMapUpdate u = new IdMapUpdate("c1");
    u.add("created", result("created", Outcome.CREATED, WRITTEN_V), null, SOURCE_V, NOW);
    IdMapping old = before("updated", "item-updated", EARLIER_V);
    u.add(
        "updated", result("updated", Outcome.UPDATED, WRITTEN_V.plusMillis(1)), old, SOURCE_V, NOW);
    u.add(
        "adopted",
        result("adopted", Outcome.ADOPTED, WRITTEN_V.plusMillis(2)),
        null,
        SOURCE_V,
        NOW);

    u.applyTo(store);

    assertThat(store.find("c1", "created").orElseThrow().targetVersion()).isEqualTo(WRITTEN_V);
    IdMapping updated = store.find("c1", "updated").orElseThrow();
    assertThat(updated.targetVersion()).isEqualTo(WRITTEN_V.plusMillis(1));
    assertThat(updated.previousSnapshot()).isEqualTo(fd("old"));
    assertThat(updated.sourceVersion()).isEqualTo(SOURCE_V);
    assertThat(store.find("c1", "adopted").orElseThrow().targetVersion())
        .isEqualTo(WRITTEN_V.plusMillis(2));
  }

  @Test
  void aWriteWhoseVersionTheTargetDidNotSayForgetsTheOldOne() {
    IdMapUpdate u = new IdMapUpdate("c1");
    IdMapping old = before("r1", "item-r1", EARLIER_V);
    u.add("r1", result("r1", Outcome.UPDATED, null), old, SOURCE_V, NOW);

    u.applyTo(store);

    assertThat(store.find("c1", "r1").orElseThrow().targetVersion())
        .as("the item changed; the old version is no longer ours to recognise")
        .isNull();
  }

  @Test
  void anUnchangedItemKeepsTheVersionOurLastWriteLeft() {
    IdMapUpdate u = new IdMapUpdate("c1");
    IdMapping old = before("r1", "item-r1", EARLIER_V);
    u.add("r1", result("r1", Outcome.UNCHANGED, null), old, SOURCE_V, NOW);

    u.applyTo(store);

    IdMapping kept = store.find("c1", "r1").orElseThrow();
    assertThat(kept.targetVersion()).isEqualTo(EARLIER_V);
    assertThat(kept.sourceVersion()).isEqualTo(SOURCE_V);
    assertThat(kept.snapshot()).isEqualTo(fd("old"));
  }

  @Test
  void aDeleteRemovesTheMapping() {
    store.put(before("r1", "item-r1", EARLIER_V));
    IdMapUpdate u = new IdMapUpdate("c1");
    u.add(
        "r1",
        new WriteResult("r1", Outcome.DELETED, "item-r1", null, null, null, null),
        before("r1", "item-r1", EARLIER_V),
        SOURCE_V,
        NOW);

    u.applyTo(store);

    assertThat(store.find("c1", "r1")).isEmpty();
  }
}
