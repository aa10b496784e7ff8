package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.provision.ProvisionResult;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #19, provisioning and schema drift, end to end: a SmartSuite table becomes a Webflow
 * collection through the control plane (against both simulators, on PostgreSQL), records arrive in
 * it, and fields that drift on either side pause their rule while the rest keeps syncing.
 */
class ProvisioningTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  private static final String WF_TOKEN = "wf-token-provisioning-0123456789";
  private static final String KEY = SecretBox.generateKey();
  private static int run;

  private SmartSuiteSimulator ss;
  private WebflowSimulator wf;
  private HikariDataSource ds;
  private SyncEngine engine;
  private String site;
  private String prefix;
  private JettyHost host;
  private String[] session;

  @BeforeEach
  void start() {
    prefix = "r" + (++run);
    ss = SmartSuiteSimulator.builder().requestsPerSecond(1000).start();
    wf = WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).start();
    site = wf.createSite("Shop");
    ss.createTable("sol1", prefix + "sup", "Suppliers", List.of());
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("c1", "Tea");
    kinds.put("c2", "Cup");
    ss.createTable(
        "sol1",
        prefix + "prod",
        "Products",
        List.of(
            SimField.of("price", "Price", "numberfield"),
            SimField.choices("kind", "Kind", "singleselectfield", kinds),
            SimField.of("notes", "Notes", "textareafield"),
            SimField.linked("supplier", "Supplier", prefix + "sup"),
            SimField.linked("related", "Related", prefix + "prod"),
            SimField.linked("elsewhere", "Elsewhere", "tblnotsynced"),
            SimField.of("owner", "Owner", "userfield")));
    ds = Wiring.pool(db.jdbcUrl(), 4);
    Stores stores = Wiring.stores(Wiring.jdbcStores(ds, KEY));
    engine =
        SyncEngine.builder()
            .stores(stores)
            .source(
                SmartSuiteSource.builder()
                    .client(c -> c.baseUrl(ss.baseUrl()))
                    .schemaTtl(Duration.ofMillis(100))
                    .build())
            .sink(
                WebflowSink.builder()
                    .client(
                        c ->
                            c.baseUrl(wf.baseUrl())
                                .rateLimitPerMinute(100_000)
                                .rateLimiters(RateLimiterRegistry.create())
                                .retryDelay(Duration.ofMillis(5)))
                    .build())
            .mappingCompiler(dev.syncengine.core.mapping.DefaultMappingCompiler.ofDefaults())
            .owner("e1")
            .configCacheTtl(Duration.ZERO)
            .schemaCacheTtl(Duration.ofMillis(200))
            .build();
    engine.admin().create(connection("suppliers", prefix + "sup"));
    engine.admin().create(connection("products", prefix + "prod"));
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    engine.stop();
    ds.close();
    ss.close();
    wf.close();
  }

  private ConnectionConfig connection(String id, String table) {
    return ConnectionConfig.builder(prefix + id)
        .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", table))
        // the collection does not exist yet: provisioning replaces the placeholder id
        .target(new ResourceRef(WebflowSink.TYPE, site, "new"))
        .ingestionMode(IngestionMode.POLLING)
        .retry(new RetrySettings(Duration.ofMillis(20), Duration.ofMillis(200), 8))
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, ss.apiKey(),
                    SmartSuiteCredentials.ACCOUNT_ID, ss.accountId(),
                    WebflowCredentials.TOKEN, WF_TOKEN)))
        .build();
  }

  private ProvisionResult provisionBoth() throws Exception {
    engine
        .admin()
        .provisionCollection(
            prefix + "suppliers", engine.admin().proposeCollection(prefix + "suppliers"));
    return engine
        .admin()
        .provisionCollection(
            prefix + "products", engine.admin().proposeCollection(prefix + "products"));
  }

  private static ProposedField field(CollectionProposal p, String source) {
    return p.fields().stream()
        .filter(f -> f.sourceField().equals(source))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void proposesOneFieldPerSourceFieldWithTheBestTypeOptionsAndReferencesToSyncedTables()
      throws Exception {
    engine
        .admin()
        .provisionCollection(
            prefix + "suppliers", engine.admin().proposeCollection(prefix + "suppliers"));
    CollectionProposal p = engine.admin().proposeCollection(prefix + "products");

    assertThat(p.name()).isEqualTo("Products");
    assertThat(p.singularName()).isEqualTo("Product");
    assertThat(p.slug()).isEqualTo("products");
    assertThat(p.titleField()).isEqualTo("title");
    assertThat(field(p, "price").kind()).isEqualTo(TargetKind.NUMBER);
    assertThat(field(p, "price").type()).isEqualTo("Number");
    assertThat(field(p, "kind").kind()).isEqualTo(TargetKind.OPTION);
    assertThat(field(p, "kind").options()).containsExactly("Tea", "Cup");
    assertThat(field(p, "notes").kind()).isEqualTo(TargetKind.TEXT);
    assertThat(field(p, "supplier").kind()).isEqualTo(TargetKind.MULTI_REFERENCE);
    assertThat(field(p, "supplier").referenceTable()).isEqualTo(prefix + "sup");
    assertThat(field(p, "related").referenceTable()).isEqualTo(prefix + "prod");
    assertThat(p.skipped())
        .extracting(CollectionProposal.Skipped::sourceField)
        .containsExactlyInAnyOrder("elsewhere", "owner");
    assertThat(
            p.skipped().stream()
                .filter(s -> s.sourceField().equals("elsewhere"))
                .findFirst()
                .orElseThrow()
                .reason())
        .contains("no connection on this site syncs");
  }

  @Test
  void provisionsReferencesLastIsIdempotentOnRetryAndRecordsArrive() throws Exception {
    ProvisionResult r = provisionBoth();

    String products = r.collectionId();
    assertThat(r.collectionCreated()).isTrue();
    assertThat(r.createdFields()).containsExactly("price", "kind", "notes", "supplier", "related");
    assertThat(engine.inspect().connection(prefix + "products").orElseThrow().target().id())
        .isEqualTo(products);
    assertThat(wf.schema(products).field("supplier").validations().path("collectionId").asText())
        .isEqualTo(engine.inspect().connection(prefix + "suppliers").orElseThrow().target().id());
    assertThat(wf.schema(products).field("related").validations().path("collectionId").asText())
        .isEqualTo(products);

    // a retry (e.g. after a crash half-way) finds the collection and every field by slug
    ProvisionResult again =
        engine
            .admin()
            .provisionCollection(
                prefix + "products", engine.admin().proposeCollection(prefix + "products"));
    assertThat(again.collectionId()).isEqualTo(products);
    assertThat(again.collectionCreated()).isFalse();
    assertThat(again.createdFields()).isEmpty();
    assertThat(again.existingFields()).hasSize(5);
    assertThat(wf.schema(products).slugs())
        .containsExactly("name", "slug", "price", "kind", "notes", "supplier", "related");

    ObjectNode sup = ss.createRecord(prefix + "sup", values("title", "Leaf Co"));
    ObjectNode v = values("title", "Green Tea");
    v.put("price", "4.5").put("kind", "c1").put("notes", "Fresh");
    v.putArray("supplier").add(sup.get("id").asText());
    ss.createRecord(prefix + "prod", v);
    syncAll();

    SimItem item = only(products);
    assertThat(item.fieldData().path("name").asText()).isEqualTo("Green Tea");
    assertThat(item.fieldData().path("price").asDouble()).isEqualTo(4.5);
    assertThat(item.fieldData().path("kind").asText())
        .isEqualTo(
            wf.schema(products)
                .field("kind")
                .validations()
                .path("options")
                .get(0)
                .path("id")
                .asText());
    String suppliers =
        engine.inspect().connection(prefix + "suppliers").orElseThrow().target().id();
    String supplierItem = wf.items(suppliers).get(0).id();
    assertThat(item.fieldData().path("supplier").get(0).asText()).isEqualTo(supplierItem);
  }

  @Test
  void aFieldDeletedInWebflowPausesItsRuleTheRestSyncsAndItClearsWhenTheFieldIsBack()
      throws Exception {
    String products = provisionBoth().collectionId();
    ObjectNode rec = ss.createRecord(prefix + "prod", priced("Green Tea", "4.5"));
    syncAll();
    String id = rec.get("id").asText();

    wf.schema(products).remove("price");
    ss.updateRecord(prefix + "prod", id, priced("Green Tea 2", "5"));
    engine.admin().resync(prefix + "products", id);
    Await.until(
        Duration.ofSeconds(10),
        () -> "the rename to arrive without price",
        () -> {
          engine.runOnce();
          return only(products).fieldData().path("name").asText().equals("Green Tea 2");
        });
    assertThat(only(products).fieldData().has("price")).isFalse();
    assertThat(engine.inspect().jobCounts(prefix + "products").getOrDefault(JobState.DEAD, 0L))
        .isZero();
    var drift = engine.problems(prefix + "products").schemaDrift();
    assertThat(drift).isNotNull();
    assertThat(drift.code()).isEqualTo("schema_drift");
    assertThat(drift.message()).contains("'price'");

    wf.schema(products)
        .put(dev.syncengine.testing.webflow.SimField.optional("price", "Number"), "Price");
    ss.updateRecord(prefix + "prod", id, priced("Green Tea 3", "6"));

    Await.until(
        Duration.ofSeconds(10),
        () -> "the price to come back",
        () -> {
          // the field shows once the schema cache (200 ms here) is read again
          engine.admin().resync(prefix + "products", id);
          engine.runOnce();
          return only(products).fieldData().path("price").asDouble() == 6.0;
        });
    assertThat(engine.problems(prefix + "products").schemaDrift()).isNull();
  }

  @Test
  void aSourceFieldDeletedOrRetypedInSmartSuitePausesOnlyItsRule() throws Exception {
    String products = provisionBoth().collectionId();
    ObjectNode v = priced("Green Tea", "4.5");
    v.put("kind", "c1").put("notes", "Fresh");
    String id = ss.createRecord(prefix + "prod", v).get("id").asText();
    syncAll();

    ss.changeFields(
        prefix + "prod",
        fields -> {
          List<SimField> out = new ArrayList<>();
          for (SimField f : fields) {
            if (f.slug().equals("kind")) {
              out.add(
                  SimField.of("kind", "Kind", "textfield")); // retyped: still converts, but drift
            } else if (!f.slug().equals("notes")) {
              out.add(f); // notes deleted
            }
          }
          return out;
        });
    ss.updateRecord(prefix + "prod", id, priced("Green Tea 2", "7"));
    Await.until(
        Duration.ofSeconds(10),
        () -> "the change to arrive with the other rules",
        () -> {
          engine.admin().resync(prefix + "products", id);
          engine.runOnce();
          // drift shows once the schema cache (200 ms here) is read again
          return only(products).fieldData().path("price").asDouble() == 7.0
              && engine.problems(prefix + "products").schemaDrift() != null;
        });
    var drift = engine.problems(prefix + "products").schemaDrift();
    assertThat(drift).isNotNull();
    assertThat(drift.message()).contains("'notes'").contains("'kind'").doesNotContain("'price'");
    assertThat(engine.inspect().jobCounts(prefix + "products").getOrDefault(JobState.DEAD, 0L))
        .isZero();
  }

  @Test
  void theAdminApiProposesProvisionsAndAddsFieldsAndNamesEveryBadInput() throws Exception {
    host =
        new JettyHost(
            SyncServlets.builder(engine)
                .security(
                    AdminSecurity.builder()
                        .passwordHash(AdminSecurity.hashPassword("pw-provisioning".toCharArray()))
                        .secureCookie(false)
                        .build())
                .dashboard(false)
                .build());
    HttpResponse<String> login =
        host.send(
            "POST",
            "/admin/api/session",
            "{\"password\":\"pw-provisioning\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    session = new String[] {cookie, Changes.JSON.readTree(login.body()).get("csrfToken").asText()};
    String sup = "/admin/api/connections/" + prefix + "suppliers";
    String prod = "/admin/api/connections/" + prefix + "products";

    HttpResponse<String> proposal = call("GET", sup + "/collection/proposal", null);
    assertThat(proposal.statusCode()).isEqualTo(200);
    JsonNode p = Changes.JSON.readTree(proposal.body());
    assertThat(p.path("slug").asText()).isEqualTo("suppliers");
    ObjectNode body = Changes.JSON.createObjectNode();
    body.set("proposal", p);
    HttpResponse<String> made = call("POST", sup + "/collection/provision", body.toString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String collection = Changes.JSON.readTree(made.body()).path("collectionId").asText();
    HttpResponse<String> again = call("POST", sup + "/collection/provision", body.toString());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Changes.JSON.readTree(again.body()).path("collectionCreated").asBoolean()).isFalse();

    ObjectNode bad =
        (ObjectNode) Changes.JSON.readTree(call("GET", prod + "/collection/proposal", null).body());
    ObjectNode f0 = (ObjectNode) bad.withArray("fields").get(0);
    f0.put("slug", "Bad Slug").put("kind", "NOPE").put("colour", "red");
    ObjectNode badBody = Changes.JSON.createObjectNode();
    badBody.set("proposal", bad);
    HttpResponse<String> refused = call("POST", prod + "/collection/provision", badBody.toString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            Changes.JSON
                .readTree(refused.body())
                .path("error")
                .path("details")
                .findValuesAsText("field"))
        .contains("proposal.fields[0].kind", "proposal.fields[0].colour");
    f0.remove("colour");
    f0.put("kind", "NUMBER");
    HttpResponse<String> badSlug = call("POST", prod + "/collection/provision", badBody.toString());
    assertThat(badSlug.statusCode()).isEqualTo(400);
    assertThat(badSlug.body()).contains("proposal.fields[0].slug");
    assertThat(wf.schema(collection).slugs()).containsExactly("name", "slug"); // nothing else made
    assertThat(engine.inspect().connection(prefix + "products").orElseThrow().target().id())
        .isEqualTo("new");

    // a field added in SmartSuite gets its Webflow field (admin API), then a mapping rule
    ss.changeFields(
        prefix + "sup", fields -> List.of(SimField.of("country", "Country", "textfield")));
    String field =
        "{\"field\":{\"sourceField\":\"country\",\"displayName\":\"Country\","
            + "\"slug\":\"country\",\"kind\":\"TEXT\"}}";
    HttpResponse<String> added = call("POST", sup + "/target-fields", field);
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(Changes.JSON.readTree(added.body()).path("type").asText()).isEqualTo("PlainText");
    assertThat(call("POST", sup + "/target-fields", field).statusCode()).isEqualTo(200);
    assertThat(wf.schema(collection).slugs()).containsExactly("name", "slug", "country");
    HttpResponse<String> wrongKind =
        call("POST", sup + "/target-fields", field.replace("TEXT", "NUMBER"));
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("field.slug");
  }

  private HttpResponse<String> call(String method, String path, String json) throws Exception {
    return json == null
        ? host.send(method, path, null, "Cookie", session[0])
        : host.send(
            method,
            path,
            json.getBytes(StandardCharsets.UTF_8),
            "Cookie",
            session[0],
            "X-CSRF-Token",
            session[1],
            "Content-Type",
            "application/json");
  }

  private void syncAll() throws Exception {
    for (String c : List.of("suppliers", "products")) {
      engine.admin().backfill(prefix + c);
      engine.admin().awaitBackfill(prefix + c);
      Await.until(
          Duration.ofSeconds(10),
          () -> "the queue of " + c + " to drain",
          () -> {
            engine.runOnce();
            Map<JobState, Long> n = engine.inspect().jobCounts(prefix + c);
            return n.getOrDefault(JobState.PENDING, 0L) == 0
                && n.getOrDefault(JobState.CLAIMED, 0L) == 0;
          });
      assertThat(engine.inspect().jobCounts(prefix + c).getOrDefault(JobState.DEAD, 0L)).isZero();
    }
  }

  private SimItem only(String collection) {
    List<SimItem> items = wf.items(collection);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static ObjectNode values(String k, String v) {
    ObjectNode o = Changes.JSON.createObjectNode();
    o.put(k, v);
    return o;
  }

  private static ObjectNode priced(String title, String price) {
    return values("title", title).put("price", price);
  }
}
