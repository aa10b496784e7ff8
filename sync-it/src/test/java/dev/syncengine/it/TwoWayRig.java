package dev.syncengine.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wiring of a two-way connection for sync-it scenarios: the SmartSuite and Webflow simulators,
 * PostgreSQL (emptied before each test), the engine behind real HTTP with both sides' webhooks
 * registered, and a mapping with a field of each direction (name and price both, SEO text and the
 * featured flag Webflow's; SmartSuite's {@code wfid} holds the item id of records made from items).
 */
abstract class TwoWayRig {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOOK_TOKEN = "hook-token-two-way-scenario-0123456789";
  static final String MAPPING =
      "{\"fields\":{\"name\":{\"source\":\"title\",\"owner\":\"both\"},"
          + "\"price\":{\"source\":\"Price\",\"owner\":\"both\"},"
          + "\"seo\":{\"source\":\"SEO\",\"owner\":\"webflow\"},"
          + "\"featured\":{\"source\":\"Featured\",\"owner\":\"webflow\"}}}";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  final String connection;
  final String table;
  SmartSuiteSimulator ss;
  Webflow wf;
  String collection;
  HikariDataSource pool;
  JdbcStores jdbc;
  Stores stores;
  SyncEngine engine;
  JettyHost host;

  TwoWayRig(String connection, String table) {
    this.connection = connection;
    this.table = table;
  }

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
        table,
        "Products",
        List.of(
            SimField.of("price", "Price", "numberfield"),
            SimField.of("seo", "SEO", "textfield"),
            SimField.of("featured", "Featured", "yesnofield"),
            SimField.of("wfid", "Webflow item", "textfield")));
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

  protected void connect(String conflicts) throws Exception {
    connect(conflicts, ss.baseUrl());
  }

  protected void connect(String conflicts, String smartSuiteUrl) throws Exception {
    connect(conflicts, smartSuiteUrl, Map.of());
  }

  protected void connect(String conflicts, String smartSuiteUrl, Map<String, String> options)
      throws Exception {
    ConnectionConfig.Builder cb =
        ConnectionConfig.builder(connection)
            .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", table))
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
                        Webflow.TOKEN)));
    options.forEach(cb::option);
    stores.connections().save(cb.build());
    stores.connections().saveMapping(connection, JSON.readTree(MAPPING));
    String[] base = new String[1];
    engine =
        SyncEngine.builder()
            .stores(stores)
            .source(
                SmartSuiteSource.builder()
                    .client(
                        c ->
                            c.baseUrl(smartSuiteUrl)
                                .webhooksUrl(ss.webhooksUrl())
                                .penalty(Duration.ofSeconds(1)))
                    .build())
            .sink(Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(DefaultMappingCompiler.ofDefaults())
            .owner("it-" + connection)
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
    engine.admin().registerWebhook(connection);
    engine.twoWay().registerWebhooks(connection);
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

  protected boolean drained() {
    Map<JobState, Long> jobs = stores.jobs().counts(connection);
    Map<JobState, Long> reverse = stores.targetChanges().counts(connection);
    return jobs.getOrDefault(JobState.PENDING, 0L) + jobs.getOrDefault(JobState.CLAIMED, 0L) == 0
        && reverse.getOrDefault(JobState.PENDING, 0L) + reverse.getOrDefault(JobState.CLAIMED, 0L)
            == 0;
  }
}
