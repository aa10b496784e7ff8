package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two-way sync end to end (issue #18): SmartSuite's native webhooks and Webflow's item webhooks
 * both deliver to the engine over real HTTP, with PostgreSQL as the store. Webflow Editor edits of
 * the fields Webflow owns reach SmartSuite; our own writes do not come back as changes in either
 * direction; a field both sides changed is decided by the policy and the losing value is kept.
 */
class TwoWayScenarioTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONNECTION = "twoway";
  static final String TABLE = "tbltwoway";
  static final String HOOK_TOKEN = "hook-token-two-way-scenario-0123456789";
  static final String MAPPING =
      "{\"fields\":{\"name\":{\"source\":\"title\",\"owner\":\"both\"},"
          + "\"price\":{\"source\":\"Price\",\"owner\":\"both\"},"
          + "\"seo\":{\"source\":\"SEO\",\"owner\":\"webflow\"},"
          + "\"featured\":{\"source\":\"Featured\",\"owner\":\"webflow\"}}}";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  SmartSuiteSimulator ss;
  Webflow wf;
  String collection;
  HikariDataSource pool;
  JdbcStores jdbc;
  Stores stores;
  SyncEngine engine;
  JettyHost host;

  @BeforeEach
  void start() throws Exception {
    ss =
        SmartSuiteSimulator.builder()
            .apiKey("ss-two-way-key")
            .requestsPerSecond(5)
            .penalty(Duration.ofSeconds(1))
            .start();
    ss.createTable(
        "sol1",
        TABLE,
        "Products",
        List.of(
            SimField.of("price", "Price", "numberfield"),
            SimField.of("seo", "SEO", "textfield"),
            SimField.of("featured", "Featured", "yesnofield")));
    wf = new Webflow();
    collection =
        wf.sim.createCollection(
            wf.site,
            "Two way",
            List.of(
                dev.syncengine.testing.webflow.SimField.optional("price", "Number"),
                dev.syncengine.testing.webflow.SimField.optional("seo", "PlainText"),
                dev.syncengine.testing.webflow.SimField.optional("featured", "Switch"),
                dev.syncengine.testing.webflow.SimField.optional(
                    Wiring.MARKER_FIELD, "PlainText")));
    pool = Wiring.pool(db.jdbcUrl(), 6);
    jdbc = Wiring.jdbcStores(pool, SecretBox.generateKey());
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String t :
          List.of(
              "sync_target_change",
              "sync_job",
              "sync_id_map",
              "sync_event_log",
              "sync_cursor",
              "sync_connection")) {
        st.execute("DELETE FROM " + t);
      }
    }
    stores = Wiring.stores(jdbc);
  }

  private void connect(String conflicts) throws Exception {
    stores
        .connections()
        .save(
            ConnectionConfig.builder(CONNECTION)
                .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", TABLE))
                .target(new ResourceRef(WebflowSink.TYPE, wf.site, collection))
                .ingestionMode(IngestionMode.NATIVE_WEBHOOK)
                .option(WebflowSink.OPTION_RECORD_ID_FIELD, Wiring.MARKER_FIELD)
                .option(TwoWay.OPTION_ENABLED, "true")
                .option(TwoWay.OPTION_CONFLICTS, conflicts)
                .retry(new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 20))
                .credentials(
                    Credentials.of(
                        Map.of(
                            SmartSuiteCredentials.API_KEY,
                            ss.apiKey(),
                            SmartSuiteCredentials.ACCOUNT_ID,
                            ss.accountId(),
                            Credentials.WEBHOOK_TOKEN,
                            HOOK_TOKEN,
                            WebflowCredentials.TOKEN,
                            Webflow.TOKEN)))
                .build());
    stores.connections().saveMapping(CONNECTION, JSON.readTree(MAPPING));
    String[] base = new String[1];
    engine =
        SyncEngine.builder()
            .stores(stores)
            .source(
                SmartSuiteSource.builder()
                    .client(c -> c.baseUrl(ss.baseUrl()).webhooksUrl(ss.webhooksUrl()))
                    .build())
            .sink(Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(DefaultMappingCompiler.ofDefaults())
            .owner("two-way-it")
            .configCacheTtl(Duration.ZERO)
            .workers(Wiring.workers(2))
            .webhookUrl(c -> base[0] + "/hooks/" + c.id() + "/" + HOOK_TOKEN)
            .build();
    jdbc.listen(engine::wakeUp);
    host =
        new JettyHost(
            SyncServlets.builder(engine)
                .security(AdminSecurity.disabled())
                .dashboard(false)
                .build());
    base[0] = host.base.toString();
    engine.admin().registerWebhook(CONNECTION);
    engine.twoWay().registerWebhooks(CONNECTION);
    engine.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    if (engine != null) {
      engine.close();
    }
    jdbc.close();
    pool.close();
    wf.close();
    ss.close();
  }

  private List<String> seed(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode v =
          JSON.createObjectNode().put("title", "Product " + i).put("price", "" + (i + 1));
      ids.add(ss.createRecord(TABLE, v).path("id").asText());
    }
    Await.until(
        Duration.ofSeconds(60),
        () -> "all " + n + " records in Webflow",
        () -> wf.sim.items(collection).size() == n && drained());
    return ids;
  }

  private boolean drained() {
    Map<JobState, Long> jobs = stores.jobs().counts(CONNECTION);
    Map<JobState, Long> reverse = stores.targetChanges().counts(CONNECTION);
    return jobs.getOrDefault(JobState.PENDING, 0L) + jobs.getOrDefault(JobState.CLAIMED, 0L) == 0
        && reverse.getOrDefault(JobState.PENDING, 0L) + reverse.getOrDefault(JobState.CLAIMED, 0L)
            == 0;
  }

  private SimItem itemOf(String recordId) {
    return wf.sim.items(collection).stream()
        .filter(i -> i.fieldData().path(Wiring.MARKER_FIELD).asText().equals(recordId))
        .findFirst()
        .orElseThrow();
  }

  private ObjectNode record(String recordId) {
    return ss.record(TABLE, recordId).orElseThrow();
  }

  @Test
  void anEditorEditReachesSmartSuiteAndNeitherWriteComesBack() throws Exception {
    connect("newest");
    List<String> ids = seed(5);
    String id = ids.get(2);
    SimItem item = itemOf(id);
    long webflowUpdates =
        wf.sim.stats().count(dev.syncengine.testing.webflow.SimOperation.UPDATE_ITEMS);

    wf.sim
        .webhooks()
        .editItem(
            collection,
            item.id(),
            JSON.createObjectNode().put("seo", "A great chair").put("featured", true));

    Await.until(
        Duration.ofSeconds(20),
        () -> "the SEO text in SmartSuite: " + record(id),
        () -> "A great chair".equals(record(id).path("seo").asText()));
    assertThat(record(id).path("featured").asBoolean()).isTrue();
    Await.until(Duration.ofSeconds(20), () -> "drained", this::drained);
    Thread.sleep(1500); // anything that would echo has had time to come back
    assertThat(drained()).isTrue();
    // Our SmartSuite write came back as a SmartSuite change and was not written to Webflow again.
    assertThat(wf.sim.stats().count(dev.syncengine.testing.webflow.SimOperation.UPDATE_ITEMS))
        .isEqualTo(webflowUpdates);
    List<LogEntry> log =
        engine
            .inspect()
            .log(new dev.syncengine.core.spi.LogQuery(CONNECTION, null, id, null, null, 0, 50));
    assertThat(log).extracting(LogEntry::action).contains("update");
    assertThat(stores.targetChanges().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
  }

  @Test
  void bothSidesEditingOneFieldIsDecidedByThePolicyAndTheLoserIsKept() throws Exception {
    connect("webflow");
    List<String> ids = seed(3);
    String id = ids.get(1);
    SimItem item = itemOf(id);

    ss.updateRecord(TABLE, id, JSON.createObjectNode().put("price", "50"));
    wf.sim.webhooks().editItem(collection, item.id(), JSON.createObjectNode().put("price", 60));

    Await.until(
        Duration.ofSeconds(30),
        () -> "both at 60: " + record(id) + " / " + itemOf(id).fieldData(),
        () ->
            new BigDecimal(record(id).path("price").asText("0")).compareTo(BigDecimal.valueOf(60))
                    == 0
                && itemOf(id)
                        .fieldData()
                        .path("price")
                        .decimalValue()
                        .compareTo(BigDecimal.valueOf(60))
                    == 0
                && drained());
    Thread.sleep(1500);
    assertThat(new BigDecimal(record(id).path("price").asText())).isEqualByComparingTo("60");
    assertThat(itemOf(id).fieldData().path("price").decimalValue()).isEqualByComparingTo("60");
    List<LogEntry> conflicts = engine.twoWay().conflicts(CONNECTION, id, 0, 10);
    Optional<JsonNode> price =
        conflicts.stream()
            .flatMap(
                e ->
                    java.util.stream.StreamSupport.stream(
                        e.detail().path("fields").spliterator(), false))
            .filter(f -> f.path("field").asText().equals("price"))
            .findFirst();
    // The SmartSuite edit may have reached Webflow before the Editor's (then there is no conflict
    // at all: Webflow's edit simply came later); when both met, Webflow won and 50 is kept as lost.
    price.ifPresent(
        f -> {
          assertThat(f.path("winner").asText()).isEqualTo("webflow");
          assertThat(f.path("lost").decimalValue()).isEqualByComparingTo("50");
        });
  }
}
