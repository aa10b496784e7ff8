package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {
  static final String NEW_API_KEY = "ss-new-api-key-do-not-leak-0001";
  static final String NEW_SIGNING = "whsec_bmV3LXNlY3JldC1kby1ub3QtbGVhay0xMjM0NTY3OA==";
  Fixture f;
  Fixture.Admin a;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    a = f.login();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body().isEmpty() ? null : Fixture.json(r);
  }

  private ObjectNode newConnection(String id) {
    ObjectNode b = Fixture.JSON.createObjectNode();
    b.put("id", id);
    b.put("name", "Blog");
    b.putObject("source").put("type", "fake").put("parentId", "sol1").put("id", "tbl2");
    b.putObject("target").put("type", "fake").put("parentId", "site1").put("id", "col2");
    b.put("publishMode", "staged");
    b.putObject("credentials")
        .put("smartsuite.apiKey", NEW_API_KEY)
        .put("signing.secrets", NEW_SIGNING);
    return b;
  }

  @Test
  void createsAConnectionWithAGeneratedWebhookTokenShownOnce() throws Exception {
    HttpResponse<String> r = f.admin(a, "POST", "/connections", newConnection("blog"));
    JsonNode c = ok(r, 201);
    assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/connections/blog");
    String url = c.get("webhookUrl").asText();
    assertThat(url).startsWith(f.base + "/hooks/blog/");
    String token = url.substring(url.lastIndexOf('/') + 1);
    assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(c.get("publishMode").asText()).isEqualTo("STAGED");
    assertThat(c.at("/credentials/smartsuite.apiKey").asText()).isEqualTo("••••01");
    assertThat(r.body()).doesNotContain(NEW_API_KEY).doesNotContain(NEW_SIGNING);

    JsonNode read = ok(f.admin(a, "GET", "/connections/blog", null), 200);
    assertThat(read.get("webhookUrl").asText())
        .doesNotContain(token)
        .endsWith("/blog/••••" + token.substring(token.length() - 2));
    assertThat(f.stores.connections().find("blog").orElseThrow().credentials().get("webhook.token"))
        .contains(token);
  }

  @Test
  void refusesADuplicateIdWith409AndInvalidFieldsWith400Details() throws Exception {
    assertThat(f.admin(a, "POST", "/connections", newConnection("products")).statusCode())
        .isEqualTo(409);
    ObjectNode bad = newConnection("x1");
    bad.put("batchSize", 500);
    bad.put("publishMode", "SOMETIMES");
    bad.remove("target");
    bad.with("credentials").put("webhook.token", "mine");
    HttpResponse<String> r = f.admin(a, "POST", "/connections", bad);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = Fixture.json(r).get("error");
    assertThat(err.get("code").asText()).isEqualTo("validation_failed");
    List<String> fields = new ArrayList<>();
    err.get("details").forEach(d -> fields.add(d.get("field").asText()));
    assertThat(fields).contains("batchSize", "publishMode", "target", "credentials.webhook.token");
    assertThat(f.admin(a, "POST", "/connections", newConnection("bad id!")).statusCode())
        .isEqualTo(400);
    ObjectNode unknownType = newConnection("x2");
    unknownType.with("source").put("type", "ftp");
    assertThat(
            Fixture.json(f.admin(a, "POST", "/connections", unknownType))
                .at("/error/details/0/field")
                .asText())
        .isEqualTo("source.type");
  }

  @Test
  void reportsEveryProblemOfAConnectionBodyAtOnceIncludingTyposInFieldNames() throws Exception {
    ObjectNode bad = newConnection("bad id!");
    bad.put("batchsize", 5); // a typo of batchSize
    bad.put("deleteMode", 3);
    bad.with("source").put("type", "ftp").put("tabel", "t");
    bad.with("target").put("type", "s3");
    bad.putObject("retry").put("maxAttempt", 3).put("maxAttempts", 5000);

    HttpResponse<String> r = f.admin(a, "POST", "/connections", bad);

    assertThat(r.statusCode()).isEqualTo(400);
    Map<String, String> problems = new java.util.TreeMap<>();
    Fixture.json(r)
        .at("/error/details")
        .forEach(d -> problems.put(d.get("field").asText(), d.get("message").asText()));
    assertThat(problems)
        .containsKeys(
            "id",
            "batchsize",
            "deleteMode",
            "source.tabel",
            "retry.maxAttempt",
            "retry.maxAttempts");
    assertThat(problems.get("batchsize")).contains("unknown field").contains("batchSize");
    assertThat(problems.get("deleteMode")).contains("DELETE", "UNPUBLISH", "ARCHIVE");

    ObjectNode types = newConnection("x3");
    types.with("source").put("type", "ftp");
    types.with("target").put("type", "s3");
    JsonNode both = Fixture.json(f.admin(a, "POST", "/connections", types));
    assertThat(both.at("/error/details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("source.type", "target.type");
    assertThat(f.stores.connections().find("x3")).isEmpty();
  }

  @Test
  void listsUpdatesPausesResumesAndDeletesConnections() throws Exception {
    JsonNode list = ok(f.admin(a, "GET", "/connections", null), 200);
    assertThat(list.at("/connections/0/id").asText()).isEqualTo("products");
    assertThat(list.at("/connections/0/queue/pending").asLong()).isZero();
    assertThat(list.at("/connections/0/mappingVersion").asInt()).isEqualTo(1);

    ObjectNode patch = Fixture.JSON.createObjectNode().put("name", "Shop items");
    patch.putObject("credentials").put("smartsuite.apiKey", NEW_API_KEY).putNull("webflow.token");
    JsonNode updated = ok(f.admin(a, "PATCH", "/connections/products", patch), 200);
    assertThat(updated.get("name").asText()).isEqualTo("Shop items");
    assertThat(updated.get("credentials").has("webflow.token")).isFalse();
    assertThat(updated.get("credentials").has("signing.secrets")).isTrue();
    assertThat(
            f.stores
                .connections()
                .find("products")
                .orElseThrow()
                .credentials()
                .get("smartsuite.apiKey"))
        .contains(NEW_API_KEY);

    assertThat(
            ok(f.admin(a, "POST", "/connections/products/pause", null), 200)
                .get("paused")
                .asBoolean())
        .isTrue();
    assertThat(
            ok(f.admin(a, "POST", "/connections/products/resume", null), 200)
                .get("paused")
                .asBoolean())
        .isFalse();
    assertThat(
            f.admin(
                    a,
                    "PATCH",
                    "/connections/products",
                    Fixture.JSON.createObjectNode().put("id", "other"))
                .statusCode())
        .isEqualTo(400);

    ok(f.admin(a, "DELETE", "/connections/products", null), 204);
    assertThat(f.admin(a, "GET", "/connections/products", null).statusCode()).isEqualTo(404);
    assertThat(f.admin(a, "POST", "/connections/products/pause", null).statusCode()).isEqualTo(404);
  }

  @Test
  void testsCredentialsOnBothSidesWithoutEchoingThem() throws Exception {
    JsonNode good = ok(f.admin(a, "POST", "/connections/products/test", null), 200);
    assertThat(good.at("/source/ok").asBoolean()).isTrue();
    assertThat(good.at("/target/ok").asBoolean()).isTrue();
    ObjectNode patch = Fixture.JSON.createObjectNode();
    patch.putObject("credentials").put("webflow.token", "wf-wrong-token-0000000000");
    f.admin(a, "PATCH", "/connections/products", patch);
    JsonNode bad = ok(f.admin(a, "POST", "/connections/products/test", null), 200);
    assertThat(bad.at("/target/ok").asBoolean()).isFalse();
    assertThat(bad.at("/target/code").asText()).isEqualTo("unauthorized");

    ObjectNode draft = Fixture.JSON.createObjectNode();
    draft.putObject("source").put("type", "fake");
    draft.putObject("credentials").put("smartsuite.apiKey", "ss-wrong-000000000000");
    JsonNode d = ok(f.admin(a, "POST", "/discovery/test", draft), 200);
    assertThat(d.at("/source/ok").asBoolean()).isFalse();
    assertThat(d.has("target")).isFalse();
  }

  @Test
  void discoversContainersCollectionsAndFieldsForADraftOrASavedConnection() throws Exception {
    ObjectNode draft = Fixture.JSON.createObjectNode().put("side", "source").put("type", "fake");
    draft.putObject("credentials").put("smartsuite.apiKey", Fixture.GOOD_KEY);
    JsonNode sols = ok(f.admin(a, "POST", "/discovery/containers", draft), 200);
    assertThat(sols.at("/items/0/id").asText()).isEqualTo("sol1");
    draft.put("containerId", "sol1");
    assertThat(
            ok(f.admin(a, "POST", "/discovery/collections", draft), 200)
                .at("/items/0/name")
                .asText())
        .isEqualTo("Products");
    draft.put("collectionId", "tbl1");
    assertThat(
            ok(f.admin(a, "POST", "/discovery/fields", draft), 200).at("/fields/1/slug").asText())
        .isEqualTo("price");

    ObjectNode saved =
        Fixture.JSON.createObjectNode().put("side", "target").put("connectionId", "products");
    assertThat(
            ok(f.admin(a, "POST", "/discovery/containers", saved), 200).at("/items/0/id").asText())
        .isEqualTo("site1");
    JsonNode schema = ok(f.admin(a, "GET", "/connections/products/schema", null), 200);
    assertThat(schema.at("/source/primaryField").asText()).isEqualTo("title");
    assertThat(schema.at("/target/fields/0/slug").asText()).isEqualTo("name");

    ObjectNode refused = Fixture.JSON.createObjectNode().put("side", "source").put("type", "fake");
    refused.putObject("credentials").put("smartsuite.apiKey", "nope-nope-nope");
    HttpResponse<String> r = f.admin(a, "POST", "/discovery/containers", refused);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("upstream_error");
    assertThat(
            f.admin(
                    a,
                    "POST",
                    "/discovery/containers",
                    Fixture.JSON.createObjectNode().put("side", "up"))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void savesValidatesPreviewsAndSuggestsMappings() throws Exception {
    JsonNode current = ok(f.admin(a, "GET", "/connections/products/mapping", null), 200);
    assertThat(current.get("version").asInt()).isEqualTo(1);

    ObjectNode spec = Fixture.JSON.createObjectNode().put("name", "title").put("price", "price");
    HttpResponse<String> saved =
        f.admin(
            a,
            "PUT",
            "/connections/products/mapping",
            Fixture.JSON.createObjectNode().set("spec", spec));
    assertThat(ok(saved, 201).get("version").asInt()).isEqualTo(2);
    assertThat(
            ok(f.admin(a, "GET", "/connections/products/mapping/history", null), 200)
                .get("versions"))
        .hasSize(2);

    ObjectNode bad = Fixture.JSON.createObjectNode().put("bad", "colour");
    HttpResponse<String> refused =
        f.admin(
            a,
            "PUT",
            "/connections/products/mapping",
            Fixture.JSON.createObjectNode().set("spec", bad));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(Fixture.json(refused).at("/error/details/0/field").asText()).isEqualTo("colour");
    assertThat(f.stores.connections().mapping("products").orElseThrow().version()).isEqualTo(2);

    JsonNode v =
        ok(
            f.admin(
                a,
                "POST",
                "/connections/products/mapping/validate",
                Fixture.JSON.createObjectNode().set("spec", bad)),
            200);
    assertThat(v.get("valid").asBoolean()).isFalse();
    assertThat(v.at("/problems/0/severity").asText()).isEqualTo("error");

    ObjectNode inline = Fixture.JSON.createObjectNode();
    inline
        .putObject("record")
        .put("id", "r9")
        .putObject("values")
        .put("title", "Lamp")
        .put("price", 4);
    JsonNode p = ok(f.admin(a, "POST", "/connections/products/mapping/preview", inline), 200);
    assertThat(p.get("ok").asBoolean()).isTrue();
    assertThat(p.at("/fieldData/name").asText()).isEqualTo("Lamp");
    assertThat(p.at("/fieldData/slug").asText()).isEqualTo("r-r9");

    f.source.records.put("r1", (ObjectNode) Fixture.JSON.createObjectNode().put("price", 3));
    JsonNode failed =
        ok(
            f.admin(
                a,
                "POST",
                "/connections/products/mapping/preview",
                Fixture.JSON.createObjectNode().put("recordId", "r1")),
            200);
    assertThat(failed.get("ok").asBoolean()).isFalse();
    assertThat(failed.at("/problems/0/field").asText()).isEqualTo("name");
    assertThat(failed.get("fieldData").isNull()).isTrue();
    assertThat(
            f.admin(
                    a,
                    "POST",
                    "/connections/products/mapping/preview",
                    Fixture.JSON.createObjectNode().put("recordId", "missing"))
                .statusCode())
        .isEqualTo(404);
    JsonNode first =
        ok(
            f.admin(
                a,
                "POST",
                "/connections/products/mapping/preview",
                Fixture.JSON.createObjectNode()),
            200);
    assertThat(first.at("/record/id").asText()).isEqualTo("r1");

    JsonNode s = ok(f.admin(a, "GET", "/connections/products/mapping/suggest", null), 200);
    assertThat(s.get("matches").toString())
        .contains("\"targetField\":\"price\",\"sourceField\":\"price\"");
    assertThat(s.get("matches").toString())
        .contains("\"targetField\":\"name\",\"sourceField\":\"title\"");
  }

  @Test
  void listsFiltersAndPaginatesEventsWithTheirLastOutcome() throws Exception {
    for (int i = 0; i < 5; i++) {
      f.deliver(
          Fixture.delivery(Fixture.event("e" + i, "r" + i, 1000, i == 0 ? "reject" : "Item " + i)));
    }
    f.engine.runOnce();
    f.deliver(Fixture.delivery(Fixture.event("e9", "r9", 1000, "Later")));

    JsonNode all = ok(f.admin(a, "GET", "/events?limit=4", null), 200);
    assertThat(all.get("events")).hasSize(4);
    assertThat(all.get("hasMore").asBoolean()).isTrue();
    assertThat(all.get("total").asLong()).isEqualTo(6);
    JsonNode page2 = ok(f.admin(a, "GET", "/events?limit=4&offset=4", null), 200);
    assertThat(page2.get("events")).hasSize(2);
    assertThat(page2.get("hasMore").asBoolean()).isFalse();

    JsonNode dead = ok(f.admin(a, "GET", "/events?status=dead&connectionId=products", null), 200);
    assertThat(dead.get("total").asLong()).isEqualTo(1);
    assertThat(dead.at("/events/0/recordId").asText()).isEqualTo("r0");
    assertThat(dead.at("/events/0/lastOutcome/errorCode").asText()).isEqualTo("validation_error");

    JsonNode pendingOrDead = ok(f.admin(a, "GET", "/events?status=pending,dead", null), 200);
    assertThat(pendingOrDead.get("events")).hasSize(2);
    JsonNode byRecord = ok(f.admin(a, "GET", "/events?recordId=r3", null), 200);
    assertThat(byRecord.at("/events/0/state").asText()).isEqualTo("DONE");
    JsonNode future = ok(f.admin(a, "GET", "/events?from=2999-01-01T00:00:00Z", null), 200);
    assertThat(future.get("events")).isEmpty();

    assertThat(f.admin(a, "GET", "/events?status=weird", null).statusCode()).isEqualTo(400);
    assertThat(f.admin(a, "GET", "/events?limit=0", null).statusCode()).isEqualTo(400);
    assertThat(f.admin(a, "GET", "/events?from=yesterday", null).statusCode()).isEqualTo(400);
    assertThat(f.admin(a, "GET", "/events?connectionId=ghost", null).statusCode()).isEqualTo(404);
  }

  @Test
  void showsEventDetailAndReplaysAndMarksDead() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e0", "r0", 1000, "reject")));
    f.deliver(Fixture.delivery(Fixture.event("e1", "r1", 1000, "Fine")));
    f.engine.runOnce();
    long deadId = f.stores.jobs().findByRecord("products", "r0").orElseThrow().id();
    long doneId = f.stores.jobs().findByRecord("products", "r1").orElseThrow().id();

    JsonNode d = ok(f.admin(a, "GET", "/events/" + deadId, null), 200);
    assertThat(d.at("/payload/title").asText()).isEqualTo("reject");
    assertThat(d.at("/timeline/0/status").asText()).isEqualTo("DEAD");
    assertThat(d.get("lastError").asText()).contains("name refused");
    assertThat(f.admin(a, "GET", "/events/999999", null).statusCode()).isEqualTo(404);
    assertThat(f.admin(a, "GET", "/events/abc", null).statusCode()).isEqualTo(404);

    assertThat(f.admin(a, "POST", "/events/" + doneId + "/replay", null).statusCode())
        .isEqualTo(409);
    assertThat(
            ok(f.admin(a, "POST", "/events/" + deadId + "/replay", null), 200)
                .get("replayed")
                .asBoolean())
        .isTrue();
    assertThat(f.stores.jobs().find(deadId).orElseThrow().state().name()).isEqualTo("PENDING");

    JsonNode marked =
        ok(
            f.admin(
                a,
                "POST",
                "/events/" + deadId + "/dead",
                Fixture.JSON.createObjectNode().put("reason", "bad data")),
            200);
    assertThat(marked.get("state").asText()).isEqualTo("DEAD");
    assertThat(
            Fixture.json(
                    f.admin(
                        a,
                        "POST",
                        "/events/" + deadId + "/dead",
                        Fixture.JSON.createObjectNode().put("reason", 5)))
                .at("/error/details/0/field")
                .asText())
        .isEqualTo("reason");
    assertThat(f.admin(a, "POST", "/events/" + doneId + "/dead", null).statusCode()).isEqualTo(409);

    ObjectNode many = Fixture.JSON.createObjectNode();
    many.putArray("ids").add(deadId).add(doneId).add(424242);
    JsonNode m = ok(f.admin(a, "POST", "/events/replay", many), 200);
    assertThat(m.get("replayed")).hasSize(1);
    assertThat(m.get("skipped")).hasSize(2);
    f.stores.jobs().markDead(deadId, "again");
    JsonNode allDead =
        ok(
            f.admin(
                a,
                "POST",
                "/events/replay",
                Fixture.JSON
                    .createObjectNode()
                    .put("allDead", true)
                    .put("connectionId", "products")),
            200);
    assertThat(allDead.get("replayed")).hasSize(1);
  }

  @Test
  void looksUpItemsWithHistoryAndSnapshotDiffAndResyncs() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e1", "r1", 1000, "Chair")));
    f.engine.runOnce();
    f.deliver(Fixture.delivery(Fixture.event("e2", "r1", 2000, "Armchair")));
    f.engine.runOnce();

    JsonNode bySource =
        ok(f.admin(a, "GET", "/items?connectionId=products&recordId=r1", null), 200);
    String itemId = bySource.get("itemId").asText();
    assertThat(bySource.at("/snapshot/name").asText()).isEqualTo("Armchair");
    assertThat(bySource.at("/diff/0/field").asText()).isEqualTo("name");
    assertThat(bySource.at("/diff/0/before").asText()).isEqualTo("Chair");
    assertThat(bySource.at("/diff/0/after").asText()).isEqualTo("Armchair");
    assertThat(bySource.get("history")).hasSize(2);

    JsonNode byItem =
        ok(f.admin(a, "GET", "/items?connectionId=products&itemId=" + itemId, null), 200);
    assertThat(byItem.get("recordId").asText()).isEqualTo("r1");
    assertThat(f.admin(a, "GET", "/items?connectionId=products&recordId=ghost", null).statusCode())
        .isEqualTo(404);
    assertThat(f.admin(a, "GET", "/items?connectionId=products", null).statusCode()).isEqualTo(400);

    f.source.records.put("r1", (ObjectNode) Fixture.JSON.createObjectNode().put("title", "Sofa"));
    JsonNode resync =
        ok(
            f.admin(
                a,
                "POST",
                "/items/resync",
                Fixture.JSON
                    .createObjectNode()
                    .put("connectionId", "products")
                    .put("recordId", "r1")),
            202);
    assertThat(resync.get("jobId").asLong()).isPositive();
    f.engine.runOnce();
    assertThat(f.sink.items.get(itemId).get("name").asText()).isEqualTo("Sofa");

    ObjectNode typedBody = Fixture.JSON.createObjectNode().put("connectionId", "products");
    HttpResponse<String> typed =
        f.admin(a, "POST", "/items/resync", typedBody.put("recordId", 123));
    assertThat(typed.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(typed).at("/error/details/0/field").asText()).isEqualTo("recordId");
    HttpResponse<String> ghost =
        f.admin(a, "POST", "/items/resync", typedBody.put("recordId", "never-existed"));
    assertThat(ghost.statusCode()).isEqualTo(404);
    assertThat(Fixture.json(ghost).at("/error/code").asText()).isEqualTo("record_not_found");
    assertThat(f.stores.jobs().findByRecord("products", "never-existed")).isEmpty();
  }

  @Test
  void reportsAnalyticsForEachRange() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e0", "r0", 1000, "reject")));
    for (int i = 1; i <= 3; i++) {
      f.deliver(Fixture.delivery(Fixture.event("e" + i, "r" + i, 1000, "Item")));
    }
    f.engine.runOnce();
    JsonNode day = ok(f.admin(a, "GET", "/analytics?range=24h", null), 200);
    assertThat(day.get("buckets")).hasSize(24);
    assertThat(day.at("/totals/success").asLong()).isEqualTo(3);
    assertThat(day.at("/totals/dead").asLong()).isEqualTo(1);
    assertThat(day.get("successRate").asDouble()).isEqualTo(0.75);
    assertThat(day.at("/latencyMs/count").asLong()).isEqualTo(3);
    assertThat(day.at("/topErrors/0/errorCode").asText()).isEqualTo("validation_error");
    assertThat(day.at("/perConnection/0/totals/success").asLong()).isEqualTo(3);
    assertThat(
            ok(f.admin(a, "GET", "/analytics?range=7d&connectionId=products", null), 200)
                .get("buckets"))
        .hasSize(28);
    assertThat(ok(f.admin(a, "GET", "/analytics?range=30d", null), 200).get("buckets")).hasSize(30);
    assertThat(f.admin(a, "GET", "/analytics?range=1y", null).statusCode()).isEqualTo(400);
  }

  @Test
  void startsFollowsAndCancelsABackfill() throws Exception {
    assertThat(f.admin(a, "GET", "/connections/products/backfill", null).statusCode())
        .isEqualTo(404);
    for (int i = 0; i < 3; i++) {
      f.source.records.put(
          "b" + i, (ObjectNode) Fixture.JSON.createObjectNode().put("title", "B" + i));
    }
    JsonNode started = ok(f.admin(a, "POST", "/connections/products/backfill", null), 202);
    assertThat(started.get("kind").asText()).isEqualTo("backfill");
    f.engine.admin().awaitBackfill("products");
    JsonNode status = ok(f.admin(a, "GET", "/connections/products/backfill", null), 200);
    assertThat(status.get("state").asText()).isEqualTo("DONE");
    assertThat(status.get("done").asLong()).isEqualTo(3);
    assertThat(
            ok(f.admin(a, "POST", "/connections/products/backfill/cancel", null), 200)
                .has("cancelled"))
        .isTrue();
    assertThat(
            f.admin(
                    a,
                    "POST",
                    "/connections/products/backfill",
                    Fixture.JSON.createObjectNode().put("kind", "other"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            f.admin(a, "POST", "/connections/products/backfill", Fixture.JSON.createArrayNode())
                .statusCode())
        .as("a body that is not an object")
        .isEqualTo(400);
  }

  @Test
  void registersChecksAndRotatesTheWebhook() throws Exception {
    JsonNode status = ok(f.admin(a, "GET", "/connections/products/webhook", null), 200);
    assertThat(status.get("webhookUrl").asText()).doesNotContain(Fixture.WEBHOOK_TOKEN);
    JsonNode reg = ok(f.admin(a, "POST", "/connections/products/webhook/register", null), 200);
    assertThat(reg.at("/options/webhookId").asText()).isEqualTo("wh-1");
    assertThat(f.source.subscribedUrls.get(0))
        .endsWith("/sync/hooks/products/" + Fixture.WEBHOOK_TOKEN);
    assertThat(reg.toString()).doesNotContain(Fixture.WEBHOOK_TOKEN);
    assertThat(
            ok(f.admin(a, "POST", "/connections/products/webhook/check", null), 200)
                .at("/status/expires_at")
                .asText())
        .startsWith("2099");
    JsonNode rotated =
        ok(f.admin(a, "POST", "/connections/products/webhook/rotate-token", null), 200);
    String url = rotated.get("webhookUrl").asText();
    assertThat(url).doesNotContain(Fixture.WEBHOOK_TOKEN);
    byte[] body = Fixture.delivery(Fixture.event("e1", "r1", 1000, "Chair"));
    assertThat(
            f.sendBytes("/hooks/products/" + Fixture.WEBHOOK_TOKEN, body, f.signedHeaders(body))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            f.sendBytes(
                    "/hooks/products/" + url.substring(url.lastIndexOf('/') + 1),
                    body,
                    f.signedHeaders(body))
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void servesTheDashboardWithContentTypesAndCaching() throws Exception {
    HttpResponse<String> index = f.send("GET", "/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    // The CSP allows no inline script or style: everything comes from files.
    assertThat(index.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    assertThat(index.body()).doesNotContainPattern("\\s(style|on[a-z]+)=");
    HttpResponse<String> app = f.send("GET", "/js/app.js", null);
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(app.headers().firstValue("Cache-Control"))
        .as("modules revalidate, so an upgrade never mixes old and new ones")
        .contains("no-cache");
    HttpResponse<String> css = f.send("GET", "/dashboard.css", null);
    assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    assertThat(css.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(f.send("GET", "/favicon.svg", null).headers().firstValue("Cache-Control"))
        .contains("public, max-age=3600");
    String etag = css.headers().firstValue("ETag").orElseThrow();
    assertThat(f.send("GET", "/dashboard.css", null, "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(f.send("GET", "/connections/products", null).body()).contains("js/app.js");
    assertThat(f.send("GET", "/missing.js", null).statusCode()).isEqualTo(404);
    assertThat(f.send("GET", "/..%2f..%2fetc/passwd", null).statusCode()).isBetween(400, 404);
    assertThat(f.send("GET", "/.hidden", null).statusCode()).isEqualTo(404);
    assertThat(f.send("POST", "/", "").statusCode()).isEqualTo(405);
  }

  @Test
  void noAdminAnswerContainsASecretExceptTheOneTimeWebhookUrl() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e0", "r0", 1000, "reject")));
    f.engine.runOnce();
    f.seenBodies.clear();
    JsonNode created = Fixture.json(f.admin(a, "POST", "/connections", newConnection("blog")));
    String blogUrl = created.get("webhookUrl").asText();
    String blogToken = blogUrl.substring(blogUrl.lastIndexOf('/') + 1);
    f.seenBodies.clear();

    for (String path :
        List.of(
            "/connections",
            "/connections/products",
            "/connections/blog",
            "/connections/products/webhook",
            "/connections/products/schema",
            "/connections/products/mapping",
            "/events",
            "/events?status=dead",
            "/items?connectionId=products&recordId=r0",
            "/analytics",
            "/session")) {
      f.admin(a, "GET", path, null);
    }
    long deadId = f.stores.jobs().findByRecord("products", "r0").orElseThrow().id();
    f.admin(a, "GET", "/events/" + deadId, null);
    f.admin(a, "POST", "/connections/products/test", null);
    f.admin(a, "POST", "/connections/products/webhook/register", null);
    f.admin(a, "POST", "/connections/products/pause", null);
    ObjectNode patch = Fixture.JSON.createObjectNode();
    patch.putObject("credentials").put("smartsuite.apiKey", NEW_API_KEY);
    f.admin(a, "PATCH", "/connections/blog", patch);
    ObjectNode badPatch = Fixture.JSON.createObjectNode();
    badPatch
        .putObject("credentials")
        .put("webflow.token", 12345)
        .put("signing.secrets", NEW_SIGNING);
    badPatch.put("batchSize", -1);
    f.admin(a, "PATCH", "/connections/blog", badPatch);
    ObjectNode disc = Fixture.JSON.createObjectNode().put("side", "source").put("type", "fake");
    disc.putObject("credentials").put("smartsuite.apiKey", NEW_API_KEY);
    f.admin(a, "POST", "/discovery/containers", disc);

    assertThat(f.seenBodies).hasSizeGreaterThan(15);
    for (String body : f.seenBodies) {
      assertThat(body)
          .doesNotContain(Fixture.SIGNING_SECRET)
          .doesNotContain(Fixture.WEBHOOK_TOKEN)
          .doesNotContain(Fixture.GOOD_KEY)
          .doesNotContain(Fixture.GOOD_SINK_TOKEN)
          .doesNotContain(NEW_API_KEY)
          .doesNotContain(NEW_SIGNING)
          .doesNotContain(blogToken)
          .doesNotContain(Fixture.PASSWORD)
          .doesNotContain(a.cookie().substring(a.cookie().indexOf('=') + 1));
    }
  }
}
