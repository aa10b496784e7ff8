package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link IdMapStore} must show. */
public abstract class IdMapStoreContract {
  protected static final Instant T0 = Instant.parse("2025-03-30T01:30:00Z");

  /** The item's version after our write: Webflow's {@code lastUpdated}, kept to the microsecond. */
  protected static final Instant V0 = Instant.parse("2025-03-30T01:29:58.123456Z");

  protected TestClock clock;
  protected IdMapStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract IdMapStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(T0);
    store = createStore(clock);
  }

  protected static IdMapping mapping(String connectionId, String recordId, String itemId) {
    ObjectNode snapshot = JsonNodeFactory.instance.objectNode().put("name", "Item " + recordId);
    ObjectNode previous = JsonNodeFactory.instance.objectNode().put("name", "Old " + recordId);
    return new IdMapping(
        connectionId, recordId, itemId, T0.minusSeconds(30), snapshot, previous, "live", T0, V0);
  }

  @Test
  void storesAndFindsAMappingByRecordAndByItem() {
    IdMapping m = mapping("c1", "rec-1", "item-1");

    store.put(m);

    assertThat(store.find("c1", "rec-1")).contains(m);
    assertThat(store.findByItemId("c1", "item-1")).contains(m);
    assertThat(store.find("c2", "rec-1")).isEmpty();
    assertThat(store.findByItemId("c1", "item-2")).isEmpty();
  }

  @Test
  void putReplacesAndKeepsNullFields() {
    store.put(mapping("c1", "rec-1", "item-1"));
    IdMapping replaced = new IdMapping("c1", "rec-1", "item-9", null, null, null, null, T0);

    store.put(replaced);

    assertThat(store.find("c1", "rec-1")).contains(replaced);
    assertThat(store.count("c1")).isEqualTo(1);
  }

  @Test
  void appliesManyPutsAndDeletesAtOnce() {
    store.put(mapping("c1", "gone", "i-gone"));
    store.put(mapping("c1", "kept", "i-kept"));
    IdMapping updated = mapping("c1", "kept", "i-kept-2");

    store.apply(
        List.of(mapping("c1", "new-1", "i1"), mapping("c1", "new-2", "i2"), updated),
        Map.of("c1", List.of("gone")));

    assertThat(store.find("c1", "gone")).isEmpty();
    assertThat(store.find("c1", "kept")).contains(updated);
    assertThat(store.findAll("c1", List.of("new-1", "new-2"))).hasSize(2);
    assertThat(store.count("c1")).isEqualTo(3);
    store.apply(List.of(), Map.of());
    assertThat(store.count("c1")).isEqualTo(3);
  }

  @Test
  void keepsTheTargetVersionOnEveryPath() {
    IdMapping put = mapping("c1", "a", "ia");
    IdMapping applied = withVersion(mapping("c1", "b", "ib"), V0.plusMillis(1));
    IdMapping unknown = withVersion(mapping("c1", "c", "ic"), null);

    store.put(put);
    store.apply(List.of(applied, unknown), Map.of());

    assertThat(store.find("c1", "a").orElseThrow().targetVersion()).isEqualTo(V0);
    assertThat(store.findByItemId("c1", "ib").orElseThrow().targetVersion())
        .isEqualTo(V0.plusMillis(1));
    assertThat(store.findAll("c1", List.of("a", "b", "c")))
        .extracting(m -> m.get("c").targetVersion(), m -> m.get("b").targetVersion())
        .containsExactly(null, V0.plusMillis(1));
    assertThat(store.list("c1", null, 10))
        .extracting(IdMapping::targetVersion)
        .containsExactly(V0, V0.plusMillis(1), null);

    // a later write moves the version on, or forgets it when the target said none
    store.put(withVersion(put, V0.plusSeconds(5)));
    store.apply(List.of(withVersion(applied, null)), Map.of());
    assertThat(store.find("c1", "a").orElseThrow().targetVersion()).isEqualTo(V0.plusSeconds(5));
    assertThat(store.find("c1", "b").orElseThrow().targetVersion()).isNull();
  }

  private static IdMapping withVersion(IdMapping m, Instant version) {
    return new IdMapping(
        m.connectionId(),
        m.recordId(),
        m.itemId(),
        m.sourceVersion(),
        m.snapshot(),
        m.previousSnapshot(),
        m.itemState(),
        m.updatedAt(),
        version);
  }

  @Test
  void findAllReturnsOnlyMappedRecords() {
    store.put(mapping("c1", "a", "ia"));
    store.put(mapping("c1", "b", "ib"));
    store.put(mapping("c2", "c", "ic"));

    Map<String, IdMapping> found = store.findAll("c1", List.of("a", "b", "c", "zz"));

    assertThat(found).containsOnlyKeys("a", "b");
    assertThat(found.get("b").itemId()).isEqualTo("ib");
    assertThat(store.findAll("c1", List.of())).isEmpty();
  }

  @Test
  void listsPagesInRecordIdOrderAndCounts() {
    for (String id : List.of("d", "b", "a", "c", "e")) {
      store.put(mapping("c1", id, "item-" + id));
    }
    store.put(mapping("c2", "a", "x"));

    assertThat(store.list("c1", null, 2)).extracting(IdMapping::recordId).containsExactly("a", "b");
    assertThat(store.list("c1", "b", 2)).extracting(IdMapping::recordId).containsExactly("c", "d");
    assertThat(store.list("c1", "d", 10)).extracting(IdMapping::recordId).containsExactly("e");
    assertThat(store.count("c1")).isEqualTo(5);
    assertThat(store.count("c3")).isZero();
  }

  @Test
  void deleteRemovesOneMapping() {
    store.put(mapping("c1", "a", "ia"));
    store.put(mapping("c1", "b", "ib"));

    store.delete("c1", "a");

    assertThat(store.find("c1", "a")).isEmpty();
    assertThat(store.find("c1", "b")).isPresent();
  }

  @Test
  void keepsCreateIntentsUntilTheRecordIsMappedOrDeleted() {
    store.recordCreateIntents("c1", Map.of("a", "slug-a", "b", "slug-b", "c", "slug-c"));
    store.recordCreateIntents("c2", Map.of("a", "other-connection"));
    store.recordCreateIntents("c1", Map.of("a", "slug-a-2"));

    assertThat(store.findCreateIntents("c1", List.of("a", "b", "c", "zz")))
        .isEqualTo(Map.of("a", "slug-a-2", "b", "slug-b", "c", "slug-c"));
    assertThat(store.count("c1")).as("an intent is no mapping").isZero();
    assertThat(store.find("c1", "a")).isEmpty();

    store.put(mapping("c1", "a", "ia"));
    store.apply(List.of(mapping("c1", "b", "ib")), Map.of());
    store.delete("c1", "c");

    assertThat(store.findCreateIntents("c1", List.of("a", "b", "c"))).isEmpty();
    assertThat(store.findCreateIntents("c2", List.of("a"))).containsEntry("a", "other-connection");
    assertThat(store.findCreateIntents("c1", List.of())).isEmpty();
  }

  @Test
  void applyForgetsTheIntentsOfDeletedRecordsToo() {
    store.recordCreateIntents("c1", Map.of("a", "slug-a", "b", "slug-b"));

    store.apply(List.of(), Map.of("c1", List.of("a")));

    assertThat(store.findCreateIntents("c1", List.of("a", "b"))).containsOnlyKeys("b");
  }

  @Test
  void recordsManyIntentsAtOnceWithLongKeys() {
    Map<String, String> keys = new java.util.HashMap<>();
    for (int i = 0; i < 150; i++) {
      keys.put("r" + i, "s".repeat(250) + "-" + i);
    }

    store.recordCreateIntents("c1", keys);

    assertThat(store.findCreateIntents("c1", keys.keySet())).isEqualTo(keys);
  }
}
