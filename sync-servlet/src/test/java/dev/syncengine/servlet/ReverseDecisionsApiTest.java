package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.model.TargetChange;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's two-way decisions over real HTTP, on the in-memory stores: reverse deletes held
 * under the "ask" policy (made through the store as the reverse worker makes them: append, claim,
 * hold), their approval and rejection, and the conflict log.
 */
class ReverseDecisionsApiTest {
  static final String WORKER = "reverse-worker-1";

  Fixture f;
  Fixture.Admin a;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    a = f.login();
    f.engine
        .admin()
        .update(
            f.engine.inspect().connection(Fixture.CONNECTION).orElseThrow().toBuilder()
                .option(TwoWay.OPTION_ENABLED, "true")
                .build());
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  /** Links record → item as a forward write would, then holds a delete of the item. */
  private long heldDelete(String recordId, String itemId, String name) {
    ObjectNode snap =
        Fixture.JSON.createObjectNode().put("name", name).put("slug", "r-" + recordId);
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    f.stores
        .idMap()
        .put(new IdMapping(Fixture.CONNECTION, recordId, itemId, at, snap, null, "live", at));
    long id = append(itemId, ChangeKind.DELETE, "collection_item_deleted");
    List<StoredTargetChange> claimed =
        f.stores.targetChanges().claim(WORKER, 10, Duration.ofSeconds(30));
    assertThat(claimed).extracting(StoredTargetChange::id).contains(id);
    f.stores.targetChanges().hold(WORKER, id, "waiting for approval: record " + recordId);
    // what was claimed with it and not held goes back
    f.stores
        .targetChanges()
        .defer(
            WORKER,
            claimed.stream().map(StoredTargetChange::id).filter(x -> x != id).toList(),
            Instant.now());
    return id;
  }

  private long append(String itemId, ChangeKind kind, String trigger) {
    TargetChange c =
        new TargetChange(
            Fixture.CONNECTION,
            itemId,
            trigger,
            kind,
            Instant.parse("2026-12-07T08:30:00Z"),
            Fixture.JSON.createObjectNode().put("id", itemId),
            "key-" + itemId + "-" + trigger,
            Instant.parse("2026-12-07T08:30:01Z"));
    return f.stores.targetChanges().append(List.of(c)).get(0).jobId();
  }

  private JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Fixture.json(r);
  }

  @Test
  void heldDeletesAreListedWithTheirItemRecordAndWhenTheyWereDeleted() throws Exception {
    long chair = heldDelete("rec-1", "item-1", "Chair");
    long lamp = heldDelete("rec-2", "item-2", "Lamp");
    append("item-3", ChangeKind.UPSERT, "collection_item_changed"); // not held: not listed

    JsonNode page = ok(f.admin(a, "GET", "/pending-deletes?connectionId=products", null));
    JsonNode rows = page.get("pendingDeletes");
    assertThat(rows).hasSize(2);
    JsonNode newest = rows.get(0);
    assertThat(newest.get("changeId").asLong()).isEqualTo(lamp);
    assertThat(newest.get("connectionId").asText()).isEqualTo("products");
    assertThat(newest.get("itemId").asText()).isEqualTo("item-2");
    assertThat(newest.get("recordId").asText()).isEqualTo("rec-2");
    assertThat(newest.get("itemName").asText()).isEqualTo("Lamp");
    assertThat(newest.get("deletedAt").asText()).isEqualTo("2026-12-07T08:30:00Z");
    assertThat(newest.get("note").asText()).isEqualTo("waiting for approval: record rec-2");
    assertThat(rows.get(1).get("changeId").asLong()).isEqualTo(chair);
    assertThat(page.get("hasMore").asBoolean()).isFalse();

    JsonNode first = ok(f.admin(a, "GET", "/pending-deletes?limit=1", null));
    assertThat(first.get("pendingDeletes")).hasSize(1);
    assertThat(first.get("hasMore").asBoolean()).isTrue();
    JsonNode second = ok(f.admin(a, "GET", "/pending-deletes?limit=1&offset=1", null));
    assertThat(second.at("/pendingDeletes/0/changeId").asLong()).isEqualTo(chair);

    assertThat(f.admin(a, "GET", "/pending-deletes?connectionId=nope", null).statusCode())
        .isEqualTo(404);
    HttpResponse<String> badLimit = f.admin(a, "GET", "/pending-deletes?limit=0", null);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(badLimit).at("/error/details/0/field").asText()).isEqualTo("limit");
  }

  @Test
  void rejectingKeepsTheRecordAndQueuesItsItemToBeMadeAgainOnce() throws Exception {
    long id = heldDelete("rec-1", "item-1", "Chair");

    JsonNode d = ok(f.admin(a, "POST", "/pending-deletes/" + id + "/reject", null));
    assertThat(d.get("decision").asText()).isEqualTo("rejected");
    assertThat(d.get("recordId").asText()).isEqualTo("rec-1");
    assertThat(d.get("result").asText()).contains("record rec-1 kept");
    assertThat(f.stores.targetChanges().find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(f.stores.idMap().find(Fixture.CONNECTION, "rec-1")).isEmpty();
    assertThat(f.stores.jobs().findByRecord(Fixture.CONNECTION, "rec-1"))
        .get()
        .extracting(j -> j.kind())
        .isEqualTo(ChangeKind.UPSERT);
    assertThat(ok(f.admin(a, "GET", "/pending-deletes", null)).get("pendingDeletes")).isEmpty();

    // a second decision on the same change: 409 with a message, nothing done twice
    HttpResponse<String> again = f.admin(a, "POST", "/pending-deletes/" + id + "/approve", null);
    assertThat(again.statusCode()).isEqualTo(409);
    JsonNode err = Fixture.json(again).get("error");
    assertThat(err.get("code").asText()).isEqualTo("not_held");
    assertThat(err.get("message").asText())
        .isEqualTo("reverse event " + id + " is not waiting for a decision (it is done)");
  }

  @Test
  void aChangeThatIsNotHeldIsAConflictAndAnUnknownOneIsNotFound() throws Exception {
    long pending = append("item-9", ChangeKind.DELETE, "collection_item_deleted");

    HttpResponse<String> notHeld =
        f.admin(a, "POST", "/pending-deletes/" + pending + "/reject", null);
    assertThat(notHeld.statusCode()).isEqualTo(409);
    assertThat(Fixture.json(notHeld).at("/error/message").asText()).contains("(it is pending)");
    assertThat(f.stores.targetChanges().find(pending).orElseThrow().state())
        .isEqualTo(JobState.PENDING);

    HttpResponse<String> unknown = f.admin(a, "POST", "/pending-deletes/987654/approve", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Fixture.json(unknown).at("/error/code").asText()).isEqualTo("not_found");
    HttpResponse<String> notANumber = f.admin(a, "POST", "/pending-deletes/abc/approve", null);
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(notANumber).at("/error/details/0/field").asText())
        .isEqualTo("changeId");
  }

  @Test
  void approvingWhenTheSourceCannotDeleteIs502AndTheDeleteStaysPending() throws Exception {
    // this fixture's source offers no record writer: the engine refuses like an upstream would
    long id = heldDelete("rec-1", "item-1", "Chair");

    HttpResponse<String> r = f.admin(a, "POST", "/pending-deletes/" + id + "/approve", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    JsonNode err = Fixture.json(r).get("error");
    assertThat(err.get("code").asText()).isEqualTo("upstream_error");
    assertThat(err.get("message").asText())
        .startsWith("fake refused the delete (internal_error): ")
        .contains("cannot delete records")
        .endsWith("the delete stays pending");
    assertThat(f.stores.targetChanges().find(id).orElseThrow().state()).isEqualTo(JobState.HELD);
    assertThat(f.stores.idMap().find(Fixture.CONNECTION, "rec-1")).isPresent();
  }

  @Test
  void decisionsNeedASessionAndTheCsrfToken() throws Exception {
    long id = heldDelete("rec-1", "item-1", "Chair");
    assertThat(f.send("GET", "/admin/api/pending-deletes", null).statusCode()).isEqualTo(401);
    HttpResponse<String> noCsrf =
        f.send("POST", "/admin/api/pending-deletes/" + id + "/reject", null, "Cookie", a.cookie());
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(f.stores.targetChanges().find(id).orElseThrow().state()).isEqualTo(JobState.HELD);
  }

  @Test
  void conflictsListTheWinnerAndTheLosingValuePerFieldNewestFirst() throws Exception {
    // the worker logs the policy it parsed: "target" is the option's "webflow"
    conflict("rec-1", 7, "2026-12-07T10:00:00Z", "price", "webflow", 12, 10, "target");
    conflict("rec-2", 8, "2026-12-07T10:05:00Z", "name", "smartsuite", "Lamp", "Lantern", "newest");
    f.stores
        .eventLog()
        .append(
            List.of(
                new LogEntry(
                    0,
                    "products",
                    5,
                    "rec-1",
                    "item-1",
                    "update",
                    LogStatus.SUCCESS,
                    1,
                    null,
                    null,
                    3,
                    4,
                    Instant.parse("2026-12-07T10:06:00Z"),
                    null)));

    JsonNode all = ok(f.admin(a, "GET", "/connections/products/conflicts", null));
    JsonNode rows = all.get("conflicts");
    assertThat(rows).hasSize(2); // the update is not a conflict
    JsonNode newest = rows.get(0);
    assertThat(newest.get("recordId").asText()).isEqualTo("rec-2");
    assertThat(newest.get("changeId").asLong()).isEqualTo(8);
    assertThat(newest.get("policy").asText()).isEqualTo("newest");
    assertThat(newest.get("at").asText()).isEqualTo("2026-12-07T10:05:00Z");
    JsonNode field = newest.at("/fields/0");
    assertThat(field.get("field").asText()).isEqualTo("name");
    assertThat(field.get("winner").asText()).isEqualTo("smartsuite");
    assertThat(field.get("kept").asText()).isEqualTo("Lamp");
    assertThat(field.get("lost").asText()).isEqualTo("Lantern");
    assertThat(rows.at("/1/fields/0/lost").asInt()).isEqualTo(10);
    assertThat(rows.at("/1/policy").asText()).isEqualTo("webflow");

    JsonNode one = ok(f.admin(a, "GET", "/connections/products/conflicts?recordId=rec-1", null));
    assertThat(one.get("conflicts")).hasSize(1);
    assertThat(one.at("/conflicts/0/fields/0/kept").asInt()).isEqualTo(12);
    JsonNode paged = ok(f.admin(a, "GET", "/connections/products/conflicts?limit=1", null));
    assertThat(paged.get("hasMore").asBoolean()).isTrue();
    assertThat(
            ok(f.admin(a, "GET", "/connections/products/conflicts?limit=1&offset=1", null))
                .at("/conflicts/0/recordId")
                .asText())
        .isEqualTo("rec-1");
    assertThat(f.admin(a, "GET", "/connections/nope/conflicts", null).statusCode()).isEqualTo(404);
  }

  private void conflict(
      String recordId,
      long changeId,
      String at,
      String field,
      String winner,
      Object kept,
      Object lost,
      String policy) {
    ObjectNode d = Fixture.JSON.createObjectNode().put("policy", policy);
    ObjectNode x = d.putArray("fields").addObject().put("field", field).put("winner", winner);
    x.set("kept", Fixture.JSON.valueToTree(kept));
    x.set("lost", Fixture.JSON.valueToTree(lost));
    d.put("sourceVersion", "2026-12-07T09:59:00Z")
        .put("targetVersion", at)
        .put("changeId", changeId);
    f.stores
        .eventLog()
        .append(
            List.of(
                new LogEntry(
                    0,
                    "products",
                    -changeId,
                    recordId,
                    "item-" + recordId,
                    TwoWay.CONFLICT_ACTION,
                    LogStatus.SUCCESS,
                    1,
                    null,
                    field + ": " + winner + " won",
                    0,
                    0,
                    Instant.parse(at),
                    d)));
  }
}
