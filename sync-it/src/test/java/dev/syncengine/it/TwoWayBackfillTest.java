package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.SimOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two-way backfill of two datasets connected for the first time (issue #18), over the SmartSuite
 * and Webflow simulators and PostgreSQL: records are matched to the items already there, by the
 * record-id field and else by slug, so none gets a second item; items no record knows become
 * records; and a second backfill changes nothing on either side.
 */
class TwoWayBackfillTest extends TwoWayRig {
  static final String CONNECTION = "twoway-backfill";
  static final String TABLE = "tblbackfill";

  TwoWayBackfillTest() {
    super(CONNECTION, TABLE);
  }

  private String seedItem(String name, String slug, String recordId) {
    ObjectNode f = JSON.createObjectNode().put("name", name).put("slug", slug).put("price", 3);
    if (recordId != null) {
      f.put(Wiring.MARKER_FIELD, recordId);
    }
    return wf.sim.seedItem(collection, f, false);
  }

  private List<SimItem> itemsOf(String recordId) {
    return wf.sim.items(collection).stream()
        .filter(i -> i.fieldData().path(Wiring.MARKER_FIELD).asText().equals(recordId))
        .toList();
  }

  private BackfillStatus backfill() throws Exception {
    engine.admin().backfill(CONNECTION);
    engine.admin().awaitBackfill(CONNECTION);
    BackfillStatus s = engine.admin().backfillStatus(CONNECTION).orElseThrow();
    assertThat(s.state()).as("backfill: %s", s).isEqualTo(BackfillStatus.State.DONE);
    return s;
  }

  @Test
  void aBackfillLinksRecordsToExistingItemsMakesRecordsOfTheRestAndARerunChangesNothing()
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ObjectNode v =
          JSON.createObjectNode().put("title", "Product " + i).put("price", "" + (i + 1));
      ids.add(ss.createRecord(TABLE, v).path("id").asText());
    }
    // rec 0 and 1 by their record-id field (their slugs say nothing), 2 and 3 by slug only,
    // 4 and 5 have no item; two items no record knows.
    String byId0 = seedItem("Old name 0", "old-0", ids.get(0));
    String byId1 = seedItem("Old name 1", "old-1", ids.get(1));
    String bySlug2 = seedItem("Product 2", "product-2", null);
    String bySlug3 = seedItem("Product 3", "product-3", null);
    String onlyA = seedItem("Only in Webflow A", "only-a", null);
    String onlyB = seedItem("Only in Webflow B", "only-b", null);
    connect(
        "newest",
        ss.baseUrl(),
        Map.of(TwoWay.OPTION_CREATE_RECORDS, "true", TwoWay.OPTION_ITEM_ID_FIELD, "wfid"));

    BackfillStatus first = backfill();
    assertThat(first.linking()).isEqualTo(new BackfillStatus.Linking(4, 0, 2, 0));
    Await.until(
        Duration.ofSeconds(60),
        () -> "8 records, 8 items: " + ss.records(TABLE) + " / " + wf.sim.items(collection),
        () ->
            ss.records(TABLE).size() == 8
                && wf.sim.items(collection).size() == 8
                && ss.records(TABLE).stream()
                    .allMatch(r -> itemsOf(r.path("id").asText()).size() == 1)
                && drained());

    // The matched records kept their items; only records 4 and 5 got new ones.
    assertThat(itemsOf(ids.get(0))).extracting(SimItem::id).containsExactly(byId0);
    assertThat(itemsOf(ids.get(1))).extracting(SimItem::id).containsExactly(byId1);
    assertThat(itemsOf(ids.get(2))).extracting(SimItem::id).containsExactly(bySlug2);
    assertThat(itemsOf(ids.get(3))).extracting(SimItem::id).containsExactly(bySlug3);
    // No suffixed slug of a second item ("product-2-2", "only-a-2").
    assertThat(wf.sim.items(collection))
        .extracting(i -> i.fieldData().path("slug").asText())
        .noneMatch(slug -> slug.matches(".*-\\d+-\\d+|only-[ab]-\\d+"));
    // The backfill's change of a matched record updated its item with the record's values.
    assertThat(itemsOf(ids.get(0)).get(0).fieldData().path("name").asText()).isEqualTo("Product 0");
    // Each unknown item became one record, which knows its item.
    for (String item : List.of(onlyA, onlyB)) {
      List<ObjectNode> made =
          ss.records(TABLE).stream().filter(r -> r.path("wfid").asText().equals(item)).toList();
      assertThat(made).as("records of item %s", item).hasSize(1);
      assertThat(itemsOf(made.get(0).path("id").asText()))
          .extracting(SimItem::id)
          .containsExactly(item);
    }
    assertThat(ss.records(TABLE).stream().filter(r -> r.path("wfid").asText().equals(onlyA)))
        .extracting(r -> r.path("title").asText())
        .containsExactly("Only in Webflow A");

    Thread.sleep(1500); // anything still echoing has come back
    Await.until(Duration.ofSeconds(20), () -> "drained", this::drained);
    long creates = wf.sim.stats().count(SimOperation.CREATE_ITEMS);
    long updates = wf.sim.stats().count(SimOperation.UPDATE_ITEMS);
    List<String> records = ss.records(TABLE).stream().map(r -> r.path("id").asText()).toList();
    List<String> items = wf.sim.items(collection).stream().map(SimItem::id).toList();

    BackfillStatus second = backfill();
    assertThat(second.linking()).isEqualTo(new BackfillStatus.Linking(0, 0, 0, 0));
    Await.until(Duration.ofSeconds(30), () -> "drained", this::drained);
    Thread.sleep(1500);
    assertThat(drained()).isTrue();
    assertThat(ss.records(TABLE)).extracting(r -> r.path("id").asText()).isEqualTo(records);
    assertThat(wf.sim.items(collection)).extracting(SimItem::id).isEqualTo(items);
    assertThat(wf.sim.stats().count(SimOperation.CREATE_ITEMS)).isEqualTo(creates);
    assertThat(wf.sim.stats().count(SimOperation.UPDATE_ITEMS)).isEqualTo(updates);
    assertThat(stores.targetChanges().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
  }
}
