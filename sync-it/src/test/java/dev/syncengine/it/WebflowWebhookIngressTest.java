package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.webflow.SimDelivery;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSignatures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webflow → engine, first slice of two-way sync (issue #18), over real HTTP with a real PostgreSQL:
 * the engine registers its webhooks in the Webflow simulator, the simulator delivers an Editor edit
 * (signed as Webflow documents it), the ingress stores it before answering 2xx, dedupes replays and
 * retries, refuses bad input with a 4xx naming the problem, and the admin API lists it as a reverse
 * event.
 */
class WebflowWebhookIngressTest {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String TWO_WAY = "twoway";
  static final String ONE_WAY = "oneway";
  static final String HOOK_TOKEN = "hook-token-two-way-0123456789abcdef";
  static final String CLIENT_SECRET = "oauth-client-secret-0123456789";
  static final String PASSWORD = "two-way admin password 42";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  HikariDataSource pool;
  JdbcStores jdbc;
  Webflow wf;
  SyncEngine engine;
  JettyHost host;
  String item;

  @BeforeEach
  void start() throws Exception {
    pool = Wiring.pool(db.jdbcUrl(), 4);
    jdbc = Wiring.jdbcStores(pool, SecretBox.generateKey());
    clean();
    wf = new Webflow();
    AtomicReference<String> hooksBase = new AtomicReference<>();
    engine =
        SyncEngine.builder()
            .stores(jdbc.stores())
            .source(new PushSource())
            .sink(Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(CopyMapping.compiler())
            .configCacheTtl(Duration.ZERO)
            .webhookUrl(c -> hooksBase.get() + c.id() + "/" + HOOK_TOKEN)
            .build(); // not started: this test is about the ingress, not the workers
    save(TWO_WAY, true, null);
    save(ONE_WAY, false, null);
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
    hooksBase.set(host.base + "/hooks/");
    item =
        wf.sim.seedItem(
            wf.collection, F.objectNode().put("name", "Chair").put("slug", "chair"), false);
  }

  private void save(String id, boolean twoWay, String secret) {
    ConnectionConfig.Builder b =
        Wiring.pushConnection(id, wf.site, wf.collection, Webflow.TOKEN, HOOK_TOKEN).toBuilder();
    if (twoWay) {
      b.option(TwoWay.OPTION_ENABLED, "true");
    }
    ConnectionConfig c = b.build();
    if (secret != null) {
      c =
          c.toBuilder()
              .credentials(c.credentials().with(WebflowCredentials.WEBHOOK_SECRET, secret))
              .build();
    }
    jdbc.connectionStore().save(c);
  }

  private void clean() throws Exception {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String t : List.of("sync_target_change", "sync_connection", "sync_cursor")) {
        st.execute("DELETE FROM " + t);
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    engine.close();
    jdbc.close();
    pool.close();
    wf.close();
  }

  private long rows() throws Exception {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sync_target_change")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String targetPath(String connection, String token) {
    return "/hooks/" + connection + "/" + token + TwoWay.URL_SUFFIX;
  }

  private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return host.send("POST", path, body, all);
  }

  private SimDelivery editAndAwaitDelivery(String name) throws InterruptedException {
    int before = wf.sim.webhooks().deliveries().size();
    wf.sim.webhooks().editItem(wf.collection, item, F.objectNode().put("name", name));
    Await.until(
        Duration.ofSeconds(10),
        () -> "a delivery of the edit to '" + name + "'",
        () -> wf.sim.webhooks().deliveries().size() > before);
    return wf.sim.webhooks().deliveries().get(before);
  }

  @Test
  void anEditInTheWebflowEditorIsStoredBeforeItsDeliveryIsAnswered2xx() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);

    SimDelivery d = editAndAwaitDelivery("Armchair");

    assertThat(d.status()).isEqualTo(202);
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.url()).isEqualTo(host.base + targetPath(TWO_WAY, HOOK_TOKEN));
    // The row was committed inside the request, before the 2xx went out.
    assertThat(rows()).isEqualTo(1);
    StoredTargetChange stored = engine.twoWay().changes(TWO_WAY, null, 0, 10).get(0);
    assertThat(stored.change().itemId()).isEqualTo(item);
    assertThat(stored.change().trigger()).isEqualTo("collection_item_changed");
    assertThat(stored.change().payload().at("/fieldData/name").asText()).isEqualTo("Armchair");
    assertThat(stored.state()).isEqualTo(JobState.PENDING);
    assertThat(jdbc.targetChangeStore().claim("reverse-worker", 10, Duration.ofSeconds(30)))
        .extracting(StoredTargetChange::id)
        .containsExactly(stored.id());
  }

  @Test
  void aDeliveryTheStoreCannotTakeIsNeverAnswered2xxAndArrivesOnRedelivery() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE sync_target_change RENAME TO sync_target_change_away");
    }
    SimDelivery refused = editAndAwaitDelivery("Stool");
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE sync_target_change_away RENAME TO sync_target_change");
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.attempts()).isEqualTo(3); // Webflow retries what was not acknowledged
    assertThat(rows()).isZero();
    assertThat(wf.sim.webhooks().redeliver(refused)).isEqualTo(202);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aReplayOrARetryOfOneDeliveryIsStoredOnce() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);
    SimDelivery d = editAndAwaitDelivery("Armchair");

    assertThat(wf.sim.webhooks().redeliver(d)).isEqualTo(200);
    assertThat(wf.sim.webhooks().redeliverAt(d, Instant.now())).isEqualTo(200);
    HttpResponse<String> again = post(targetPath(TWO_WAY, HOOK_TOKEN), d.body());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Changes.JSON.readTree(again.body()).at("/events/0/duplicate").asBoolean()).isTrue();
    assertThat(rows()).isEqualTo(1);

    editAndAwaitDelivery("Sofa");
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void signedDeliveriesAreCheckedAsWebflowDocumentsThem() throws Exception {
    save(TWO_WAY, true, CLIENT_SECRET);
    wf.sim.webhooks().signWith(CLIENT_SECRET);
    engine.twoWay().registerWebhooks(TWO_WAY);

    SimDelivery d = editAndAwaitDelivery("Armchair");
    assertThat(d.signature()).isNotNull();
    assertThat(d.status()).isEqualTo(202);

    Instant now = Instant.now();
    assertThat(wf.sim.webhooks().redeliverAt(d, now.minus(Duration.ofMinutes(6)))).isEqualTo(401);
    assertThat(wf.sim.webhooks().redeliverAt(d, now.plus(Duration.ofMinutes(6)))).isEqualTo(401);
    assertThat(wf.sim.webhooks().redeliver(d)).isEqualTo(200); // a replay inside the window
    byte[] tampered = d.bodyText().replace("Armchair", "Hacked").getBytes(StandardCharsets.UTF_8);
    assertThat(
            post(
                    targetPath(TWO_WAY, HOOK_TOKEN),
                    tampered,
                    WebflowSignatures.TIMESTAMP_HEADER,
                    String.valueOf(d.timestampMillis()),
                    WebflowSignatures.SIGNATURE_HEADER,
                    d.signature())
                .statusCode())
        .isEqualTo(401);
    String otherSecret =
        WebflowSignatures.of(List.of("not-the-secret"), java.time.Clock.systemUTC())
            .sign(now.toEpochMilli(), d.body());
    assertThat(
            post(
                    targetPath(TWO_WAY, HOOK_TOKEN),
                    d.body(),
                    WebflowSignatures.TIMESTAMP_HEADER,
                    String.valueOf(now.toEpochMilli()),
                    WebflowSignatures.SIGNATURE_HEADER,
                    otherSecret)
                .statusCode())
        .isEqualTo(401);
    assertThat(post(targetPath(TWO_WAY, HOOK_TOKEN), d.body()).statusCode()).isEqualTo(401);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void badInputGetsA4xxNamingTheProblemAndLeavesNoRow() throws Exception {
    String good = targetPath(TWO_WAY, HOOK_TOKEN);
    byte[] noTrigger = "{\"payload\":{\"id\":\"i1\"}}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post(good, noTrigger);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = Changes.JSON.readTree(r.body()).get("error");
    assertThat(error.get("message").asText()).contains("triggerType");
    assertThat(error.at("/details/0/field").asText()).isEqualTo("triggerType");

    byte[] noId =
        "{\"triggerType\":\"collection_item_changed\",\"payload\":{}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(Changes.JSON.readTree(post(good, noId).body()).at("/error/details/0/field").asText())
        .isEqualTo("payload.id");
    assertThat(post(good, "not json".getBytes()).statusCode()).isEqualTo(400);
    assertThat(host.send("POST", good, noId, "Content-Type", "text/plain").statusCode())
        .isEqualTo(415);
    assertThat(post(targetPath(TWO_WAY, "wrong-token"), noId).statusCode()).isEqualTo(401);
    assertThat(post(targetPath(ONE_WAY, HOOK_TOKEN), noId).statusCode()).isEqualTo(404);
    assertThat(post("/hooks/" + TWO_WAY + "/" + HOOK_TOKEN + "/other", noId).statusCode())
        .isEqualTo(404);
    assertThat(rows()).isZero();
  }

  @Test
  void registrationIsIdempotentAndUpkeepRepairsAndSkipsOneWayConnections() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);
    engine.twoWay().registerWebhooks(TWO_WAY);
    engine.maintainNow();
    assertThat(wf.sim.webhooks().registrations(wf.site)).hasSize(4);
    assertThat(engine.twoWay().webhookStatus(TWO_WAY)).containsEntry("status", "enabled");

    String url = host.base + targetPath(TWO_WAY, HOOK_TOKEN);
    engine.twoWay().unregisterWebhooks(TWO_WAY, url);
    assertThat(wf.sim.webhooks().registrations(wf.site)).isEmpty();
    engine.maintainNow();
    assertThat(wf.sim.webhooks().registrations(wf.site))
        .hasSize(4)
        .allSatisfy(w -> assertThat(w.get("url").asText()).isEqualTo(url));
  }

  @Test
  void deletingTheConnectionDropsItsTargetChangesAndItsEndpoint() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);
    SimDelivery d = editAndAwaitDelivery("Armchair");
    assertThat(rows()).isEqualTo(1);

    assertThat(engine.admin().delete(TWO_WAY)).isTrue();

    assertThat(rows()).isZero();
    assertThat(wf.sim.webhooks().redeliver(d)).isEqualTo(404);
    assertThat(rows()).isZero();
  }

  @Test
  void theAdminApiListsDeliveriesAsReverseEvents() throws Exception {
    engine.twoWay().registerWebhooks(TWO_WAY);
    editAndAwaitDelivery("Armchair");
    ObjectNode login = F.objectNode().put("password", PASSWORD);
    HttpResponse<String> session =
        post("/admin/api/session", login.toString().getBytes(StandardCharsets.UTF_8));
    String setCookie = session.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> list =
        host.send(
            "GET", "/admin/api/reverse-events?connectionId=" + TWO_WAY, null, "Cookie", cookie);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode events = Changes.JSON.readTree(list.body());
    JsonNode e = events.at("/events/0");
    assertThat(e.get("direction").asText()).isEqualTo("reverse");
    assertThat(e.get("from").asText()).isEqualTo("webflow");
    assertThat(e.get("to").asText()).isEqualTo(PushSource.TYPE);
    assertThat(e.get("itemId").asText()).isEqualTo(item);
    assertThat(e.get("status").asText()).isEqualTo("pending");
    assertThat(events.at("/counts/pending").asLong()).isEqualTo(1);
    assertThat(e.has("payload")).isFalse();

    HttpResponse<String> detail =
        host.send(
            "GET", "/admin/api/reverse-events/" + e.get("id").asLong(), null, "Cookie", cookie);
    assertThat(Changes.JSON.readTree(detail.body()).at("/payload/fieldData/name").asText())
        .isEqualTo("Armchair");
    assertThat(
            host.send("GET", "/admin/api/reverse-events?status=lost", null, "Cookie", cookie)
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> hook =
        host.send(
            "GET", "/admin/api/connections/" + TWO_WAY + "/target-webhook", null, "Cookie", cookie);
    assertThat(Changes.JSON.readTree(hook.body()).at("/status/status").asText())
        .isEqualTo("created");
    assertThat(hook.body()).doesNotContain(HOOK_TOKEN);
  }
}
