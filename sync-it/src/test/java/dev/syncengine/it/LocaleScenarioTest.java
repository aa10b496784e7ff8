package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #19, localization, end to end: the admin API shows the site's locales and takes a mapping
 * with per-locale rules (refusing an unknown locale by name); a record pushed through the webhook
 * ingress is then created, updated and deleted in the primary locale and both secondary locales of
 * the Webflow simulator, through PostgreSQL stores and the real engine, sink and mapping compiler.
 */
class LocaleScenarioTest {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String HOOK_TOKEN = "hook-token-locale-0123456789abcdef";
  static final String PASSWORD = "locale admin password 42";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  WebflowSimulator sim;
  String collection;
  String fr;
  String es;
  HikariDataSource pool;
  JdbcStores jdbc;
  SyncEngine engine;
  JettyHost host;
  String cookie;
  String csrf;

  @BeforeEach
  void start() throws Exception {
    sim = WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).start();
    String site = sim.createSite("Shop");
    fr = sim.locales().add(site, "fr-FR", "French");
    es = sim.locales().add(site, "es", "Spanish");
    collection =
        sim.createCollection(
            site,
            "Products",
            List.of(
                SimField.optional("price", "Number"),
                SimField.optional("rev", "Number"),
                SimField.optional(Wiring.MARKER_FIELD, "PlainText")));
    pool = Wiring.pool(db.jdbcUrl(), 4);
    jdbc = Wiring.jdbcStores(pool, SecretBox.generateKey());
    jdbc.stores()
        .connections()
        .save(Wiring.pushConnection("products", site, collection, Webflow.TOKEN, HOOK_TOKEN));
    engine =
        SyncEngine.builder()
            .stores(jdbc.stores())
            .source(new PushSource())
            .sink(Wiring.sink(sim.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(DefaultMappingCompiler.ofDefaults())
            .configCacheTtl(Duration.ZERO)
            .build();
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
            F.objectNode().put("password", PASSWORD).toString().getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(login.statusCode()).isEqualTo(200);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
    csrf = Changes.JSON.readTree(login.body()).get("csrfToken").asText();
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    engine.close();
    jdbc.close();
    pool.close();
    sim.close();
  }

  HttpResponse<String> admin(String method, String path, JsonNode body) throws Exception {
    return host.send(
        method,
        "/admin/api" + path,
        body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        "application/json",
        "Cookie",
        cookie,
        "X-CSRF-Token",
        csrf);
  }

  static JsonNode json(String s) throws Exception {
    return Changes.JSON.readTree(s.replace('\'', '"'));
  }

  void push(String kind, long version, String title, int price) throws Exception {
    ObjectNode e = F.objectNode().put("id", "evt-" + version).put("record", "p1");
    e.put("kind", kind)
        .put("version", Instant.parse("2025-03-01T10:00:00Z").toEpochMilli() + version);
    if (kind.equals("UPSERT")) {
      e.putObject("data").put("title", title).put("price", price).put("rev", version);
    }
    HttpResponse<String> r =
        host.send(
            "POST",
            "/hooks/products/" + HOOK_TOKEN,
            Changes.body(List.of(e)).getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  void runUntil(String what, Supplier<Boolean> done) throws Exception {
    Await.until(
        Duration.ofSeconds(20),
        () -> what,
        () -> {
          engine.runOnce();
          return done.get();
        });
  }

  List<SimItem> in(String locale) {
    return sim.locales().items(collection, locale);
  }

  @Test
  void aRecordIsCreatedUpdatedAndDeletedInEveryLocaleItsMappingWrites() throws Exception {
    JsonNode schema =
        Changes.JSON.readTree(admin("GET", "/connections/products/schema", null).body());
    assertThat(schema.at("/target/locales"))
        .extracting(l -> l.get("tag").asText() + "/" + l.get("primary").asBoolean())
        .containsExactly("en/true", "fr-FR/false", "es/false");

    HttpResponse<String> refused =
        admin(
            "PUT",
            "/connections/products/mapping",
            json(
                "{'spec': {'fields': {'name': 'title'}, 'locales': {'de-DE': {'fields': {'name': 'title'}}}}}"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    JsonNode detail = Changes.JSON.readTree(refused.body()).at("/error/details/0");
    assertThat(detail.get("field").asText()).isEqualTo("locales.de-DE");
    assertThat(detail.get("message").asText()).contains("unknown locale 'de-DE'").contains("fr-FR");

    JsonNode spec =
        json(
            "{'fields': {'name': 'title', 'price': 'price', 'rev': 'rev'},"
                + " 'locales': {'fr-FR': {'fields': {'name': {'template': '{{title}} (FR)'}}},"
                + " 'es': {'fields': {'name': {'template': '{{title}} (ES)'},"
                + " 'price': {'rule': 'jsonata', 'expression': '$number(price) * 2'}}}}}");
    HttpResponse<String> saved =
        admin("PUT", "/connections/products/mapping", F.objectNode().set("spec", spec));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    assertThat(
            Changes.JSON
                .readTree(admin("GET", "/connections/products/mapping", null).body())
                .get("spec"))
        .isEqualTo(spec);

    push("UPSERT", 1, "Tea", 4);
    runUntil("the item in three locales", () -> in(fr).size() == 1 && in(es).size() == 1);
    SimItem item = sim.items(collection).get(0);
    assertThat(sim.items(collection)).hasSize(1);
    assertThat(item.fieldData().get("name").asText()).isEqualTo("Tea");
    assertThat(in(fr).get(0).id()).isEqualTo(item.id());
    assertThat(in(fr).get(0).fieldData().get("name").asText()).isEqualTo("Tea (FR)");
    assertThat(in(fr).get(0).fieldData().get("price").asInt()).isEqualTo(4);
    assertThat(in(es).get(0).fieldData().get("name").asText()).isEqualTo("Tea (ES)");
    assertThat(in(es).get(0).fieldData().get("price").asInt()).isEqualTo(8);

    push("UPSERT", 2, "Green tea", 5);
    runUntil("the variants updated", () -> in(es).get(0).fieldData().get("price").asInt() == 10);
    assertThat(sim.items(collection)).singleElement().extracting(SimItem::id).isEqualTo(item.id());
    assertThat(in(fr).get(0).fieldData().get("name").asText()).isEqualTo("Green tea (FR)");
    assertThat(in(es).get(0).fieldData().get("name").asText()).isEqualTo("Green tea (ES)");

    push("DELETE", 3, null, 0);
    runUntil(
        "the item gone in every locale",
        () -> sim.items(collection).isEmpty() && in(fr).isEmpty() && in(es).isEmpty());
  }
}
