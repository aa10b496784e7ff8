package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SimWrite;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin API's reverse deletes and conflicts over real HTTP, on PostgreSQL, with the SmartSuite
 * adapter against its simulator: a delete held as the reverse worker holds it (append, claim, hold)
 * is approved and SmartSuite's record is gone; SmartSuite refusing the delete answers 502 naming
 * the refusal and keeps it held; the conflict log is read through the JDBC action filter.
 */
class PendingDeletesApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONNECTION = "decisions";
  static final String TABLE = "tbldecisions";
  static final String PASSWORD = "pending deletes admin password 7";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  SmartSuiteSimulator ss;
  Webflow wf;
  HikariDataSource pool;
  JdbcStores jdbc;
  SyncEngine engine;
  JettyHost host;
  String cookie;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    ss = SmartSuiteSimulator.builder().apiKey("ss-decisions-key").start();
    ss.createTable("sol1", TABLE, "Decisions", List.of(SimField.of("notes", "Notes", "textfield")));
    wf = new Webflow();
    pool = Wiring.pool(db.jdbcUrl(), 4);
    jdbc = Wiring.jdbcStores(pool, SecretBox.generateKey());
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String t :
          List.of(
              "sync_target_change",
              "sync_job",
              "sync_id_map",
              "sync_event_log",
              "sync_connection")) {
        st.execute("DELETE FROM " + t);
      }
    }
    jdbc.stores()
        .connections()
        .save(
            ConnectionConfig.builder(CONNECTION)
                .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", TABLE))
                .target(new ResourceRef(WebflowSink.TYPE, wf.site, wf.collection))
                .option(TwoWay.OPTION_ENABLED, "true")
                .credentials(
                    Credentials.of(
                        Map.of(
                            SmartSuiteCredentials.API_KEY,
                            ss.apiKey(),
                            SmartSuiteCredentials.ACCOUNT_ID,
                            ss.accountId(),
                            WebflowCredentials.TOKEN,
                            Webflow.TOKEN)))
                .build());
    engine =
        SyncEngine.builder()
            .stores(jdbc.stores())
            .source(SmartSuiteSource.builder().client(c -> c.baseUrl(ss.baseUrl())).build())
            .sink(Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(CopyMapping.compiler())
            .configCacheTtl(Duration.ZERO)
            .build(); // not started: the decisions are the admin's, not the workers'
    host =
        new JettyHost(
            SyncServlets.builder(engine)
                .security(
                    AdminSecurity.builder()
                        .passwordHash(AdminSecurity.hashPassword(PASSWORD.toCharArray()))
                        .secureCookie(false)
                        .build())
                .dashboard(false)
                .build());
    HttpResponse<String> login =
        host.send(
            "POST",
            "/admin/api/session",
            JSON.createObjectNode().put("password", PASSWORD).toString().getBytes(),
            "Content-Type",
            "application/json");
    assertThat(login.statusCode()).isEqualTo(200);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
    csrf = JSON.readTree(login.body()).get("csrfToken").asText();
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    engine.close();
    jdbc.close();
    pool.close();
    wf.close();
    ss.close();
  }

  private HttpResponse<String> admin(String method, String path) throws Exception {
    return host.send(
        method,
        "/admin/api" + path,
        method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8),
        "Cookie",
        cookie,
        "X-CSRF-Token",
        csrf,
        "Content-Type",
        "application/json");
  }

  /** A SmartSuite record linked to an item whose delete the worker held. */
  private long heldDelete(String recordId, String itemId) {
    Instant at = Instant.parse("2026-12-07T09:00:00Z");
    ObjectNode snap = JSON.createObjectNode().put("name", "Item of " + recordId);
    jdbc.stores()
        .idMap()
        .put(new IdMapping(CONNECTION, recordId, itemId, at, snap, null, "live", at));
    TargetChange c =
        new TargetChange(
            CONNECTION,
            itemId,
            "collection_item_deleted",
            ChangeKind.DELETE,
            Instant.parse("2026-12-07T09:30:00Z"),
            JSON.createObjectNode().put("id", itemId),
            "delete-" + itemId,
            Instant.now());
    long id = jdbc.targetChangeStore().append(List.of(c)).get(0).jobId();
    assertThat(jdbc.targetChangeStore().claim("reverse-it", 10, Duration.ofSeconds(30)))
        .extracting(r -> r.id())
        .containsExactly(id);
    jdbc.targetChangeStore().hold("reverse-it", id, "waiting for approval");
    return id;
  }

  private String record(String notes) {
    return ss.createRecord(TABLE, JSON.createObjectNode().put("title", notes).put("notes", notes))
        .get("id")
        .asText();
  }

  @Test
  void approvingDeletesTheSmartSuiteRecordAndARefusalIs502WithTheChangeStillHeld()
      throws Exception {
    String rec = record("to delete");
    long id = heldDelete(rec, "item-1");
    JsonNode listed =
        JSON.readTree(admin("GET", "/pending-deletes?connectionId=" + CONNECTION).body());
    assertThat(listed.at("/pendingDeletes/0/recordId").asText()).isEqualTo(rec);
    assertThat(listed.at("/pendingDeletes/0/itemName").asText()).isEqualTo("Item of " + rec);

    ss.writeFaults().fail(422, 1, SimWrite.DELETE);
    HttpResponse<String> refused = admin("POST", "/pending-deletes/" + id + "/approve");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
    JsonNode err = JSON.readTree(refused.body()).get("error");
    assertThat(err.get("code").asText()).isEqualTo("upstream_error");
    assertThat(err.get("message").asText())
        .startsWith("smartsuite refused the delete (")
        .contains("422")
        .endsWith("the delete stays pending");
    assertThat(ss.record(TABLE, rec)).isPresent();
    assertThat(jdbc.targetChangeStore().find(id).orElseThrow().state()).isEqualTo(JobState.HELD);

    HttpResponse<String> ok = admin("POST", "/pending-deletes/" + id + "/approve");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).get("result").asText())
        .isEqualTo("approved: record " + rec + " deleted");
    assertThat(ss.record(TABLE, rec)).isEmpty();
    assertThat(jdbc.stores().idMap().find(CONNECTION, rec)).isEmpty();
    assertThat(jdbc.targetChangeStore().find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(admin("POST", "/pending-deletes/" + id + "/reject").statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(admin("GET", "/pending-deletes").body()).get("pendingDeletes"))
        .isEmpty();
  }

  @Test
  void rejectingKeepsTheRecordAndQueuesItsItemAgain() throws Exception {
    String rec = record("to keep");
    long id = heldDelete(rec, "item-2");

    HttpResponse<String> r = admin("POST", "/pending-deletes/" + id + "/reject");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(ss.record(TABLE, rec)).isPresent();
    assertThat(jdbc.stores().jobs().findByRecord(CONNECTION, rec))
        .get()
        .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.PENDING));
    assertThat(admin("POST", "/pending-deletes/" + id + "/reject").statusCode()).isEqualTo(409);
  }

  @Test
  void conflictsAreTheLogEntriesOfActionConflictOnly() throws Exception {
    ObjectNode detail = JSON.createObjectNode().put("policy", "source").put("changeId", 9);
    detail
        .putArray("fields")
        .addObject()
        .put("field", "notes")
        .put("winner", "smartsuite")
        .put("kept", "ours")
        .put("lost", "theirs");
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    jdbc.stores()
        .eventLog()
        .append(
            List.of(
                new LogEntry(
                    0,
                    CONNECTION,
                    -9,
                    "rec-1",
                    "item-1",
                    TwoWay.CONFLICT_ACTION,
                    LogStatus.SUCCESS,
                    1,
                    null,
                    "conflict on notes",
                    0,
                    0,
                    at,
                    detail),
                new LogEntry(
                    0,
                    CONNECTION,
                    -9,
                    "rec-1",
                    "item-1",
                    "update",
                    LogStatus.SUCCESS,
                    1,
                    null,
                    "record updated from Webflow",
                    0,
                    0,
                    at.plusSeconds(1),
                    null)));

    JsonNode r = JSON.readTree(admin("GET", "/connections/" + CONNECTION + "/conflicts").body());
    assertThat(r.get("conflicts")).hasSize(1);
    JsonNode c = r.at("/conflicts/0");
    assertThat(c.get("policy").asText()).isEqualTo("smartsuite");
    assertThat(c.get("changeId").asLong()).isEqualTo(9);
    assertThat(c.at("/fields/0/lost").asText()).isEqualTo("theirs");
    assertThat(c.at("/fields/0/kept").asText()).isEqualTo("ours");
    assertThat(
            JSON.readTree(
                    admin("GET", "/connections/" + CONNECTION + "/conflicts?recordId=rec-2").body())
                .get("conflicts"))
        .isEmpty();
  }
}
