package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.JobState;
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
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4: SmartSuite native webhooks while SmartSuite misbehaves. A fault-injecting proxy in
 * front of the webhooks service answers some {@code ListEvents} calls with 503, 500 and a burst of
 * 429; the simulator delivers every ping three times, each copy delayed at random so they arrive
 * out of order. The Webflow collection must end with every record once, at its newest data.
 */
class SmartSuiteFaultsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final String CONNECTION = "products";
  private static final String TABLE = "tblproducts";
  private static final String HOOK_TOKEN = "hook-token-smartsuite-faults-0123";
  private static final int RECORDS = 80;
  private static final int UPDATES = 160;

  /** title → name, "r-" + id → slug, price and rev as numbers. */
  private static final MappingCompiler COMPILER =
      (version, source, target) ->
          (record, context) -> {
            ObjectNode fd = Changes.JSON.createObjectNode();
            fd.put("name", record.values().path("title").asText());
            fd.put("slug", "r-" + record.id());
            fd.put("price", new BigDecimal(record.values().path("price").asText("0")));
            fd.put("rev", new BigDecimal(record.values().path("rev").asText("0")));
            return new MappedItem(fd, ItemAction.DEFAULT, List.of());
          };

  @Test
  void listEventsFaultsAndTripledReorderedPingsEndInExactlyTheNewestState() throws Exception {
    try (SmartSuiteSimulator sim =
            SmartSuiteSimulator.builder()
                .apiKey("ss-faults-key")
                .requestsPerSecond(5)
                .penalty(Duration.ofSeconds(1))
                .delivery(new SimWebhookDelivery(3, Duration.ofMillis(150), 7L))
                .start();
        // ListEvents: calls 2-3 a burst of 429, then every 5th call 503 and every 7th 500.
        FaultyHttpProxy faults =
            new FaultyHttpProxy(
                sim.webhooksUrl(),
                "/ListEvents",
                n -> n == 2 || n == 3 ? 429 : n % 5 == 4 ? 503 : n % 7 == 6 ? 500 : 0);
        Webflow wf = new Webflow();
        HikariDataSource ds = Wiring.pool(db.jdbcUrl(), 6)) {
      sim.createTable(
          "sol1",
          TABLE,
          "Products",
          List.of(
              SimField.of("price", "Price", "numberfield"),
              SimField.of("rev", "Rev", "numberfield")));
      JdbcStores jdbc = Wiring.jdbcStores(ds, SecretBox.generateKey());
      Stores stores = Wiring.stores(jdbc);
      stores
          .connections()
          .save(
              ConnectionConfig.builder(CONNECTION)
                  .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", TABLE))
                  .target(new ResourceRef(WebflowSink.TYPE, wf.site, wf.collection))
                  .ingestionMode(IngestionMode.NATIVE_WEBHOOK)
                  .option(WebflowSink.OPTION_RECORD_ID_FIELD, Wiring.MARKER_FIELD)
                  .retry(new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 12))
                  .credentials(
                      Credentials.of(
                          Map.of(
                              SmartSuiteCredentials.API_KEY,
                              sim.apiKey(),
                              SmartSuiteCredentials.ACCOUNT_ID,
                              sim.accountId(),
                              Credentials.WEBHOOK_TOKEN,
                              HOOK_TOKEN,
                              WebflowCredentials.TOKEN,
                              Webflow.TOKEN)))
                  .build());
      stores.connections().saveMapping(CONNECTION, Changes.JSON.createObjectNode());
      String[] hookBase = new String[1];
      SyncEngine engine =
          SyncEngine.builder()
              .stores(stores)
              .source(
                  SmartSuiteSource.builder()
                      .client(
                          c ->
                              c.baseUrl(sim.baseUrl())
                                  .webhooksUrl(faults.url())
                                  .penalty(Duration.ofSeconds(1)))
                      .eventPageSize(50)
                      .build())
              .sink(Wiring.sink(wf.sim.baseUrl(), RateLimiterRegistry.create()))
              .mappingCompiler(COMPILER)
              .owner("e1")
              .configCacheTtl(Duration.ZERO)
              .workers(Wiring.workers(2))
              .webhookUrl(
                  c ->
                      hookBase[0]
                          + "/hooks/"
                          + c.id()
                          + "/"
                          + c.credentials().require(Credentials.WEBHOOK_TOKEN))
              .build();
      jdbc.listen(engine::wakeUp);
      SyncServlets servlets =
          SyncServlets.builder(engine).security(AdminSecurity.disabled()).dashboard(false).build();
      try (JettyHost host = new JettyHost(servlets)) {
        hookBase[0] = host.base.toString();
        engine.admin().registerWebhook(CONNECTION);
        engine.start();
        long started = System.nanoTime();

        Random random = new Random(4L);
        List<String> ids = new ArrayList<>();
        Map<String, Integer> revs = new LinkedHashMap<>();
        for (int n = 0; n < RECORDS; n++) {
          ObjectNode v = Changes.JSON.createObjectNode();
          v.put("title", "Product " + n + " rev 1");
          v.put("price", String.valueOf(n + 1));
          v.put("rev", "1");
          String id = sim.createRecord(TABLE, v).path("id").asText();
          ids.add(id);
          revs.put(id, 1);
        }
        for (int u = 0; u < UPDATES; u++) {
          if (u % 40 == 0) {
            Thread.sleep(300); // updates in waves, so the engine pulls several times
          }
          String id = ids.get(random.nextInt(ids.size()));
          int rev = revs.merge(id, 1, Integer::sum);
          int n = ids.indexOf(id);
          ObjectNode v = Changes.JSON.createObjectNode();
          v.put("title", "Product " + n + " rev " + rev);
          v.put("price", String.valueOf(n + rev));
          v.put("rev", String.valueOf(rev));
          sim.updateRecord(TABLE, id, v);
        }
        assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(60))).isTrue();

        Map<String, Webflow.Expected> expected = new LinkedHashMap<>();
        for (ObjectNode r : sim.records(TABLE)) {
          expected.put(
              r.path("id").asText(),
              new Webflow.Expected(
                  r.path("title").asText(),
                  Long.parseLong(r.path("price").asText()),
                  Long.parseLong(r.path("rev").asText())));
        }
        Await.until(
            Duration.ofSeconds(90),
            () -> "Webflow at the newest state; faults " + faults.faults,
            () -> {
              try {
                wf.assertExactlyOnceWithNewestData(expected);
                return true;
              } catch (AssertionError e) {
                return false;
              }
            });
        InProcess.awaitDrained(stores, CONNECTION, Duration.ofSeconds(30));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
            "smartsuite faults: %d changes, pings delivered %d, ListEvents calls %d, injected %s,"
                + " simulator 429s %d, converged in %d ms, %s, jobs %s%n",
            RECORDS + UPDATES,
            sim.pingsDelivered(),
            faults.requestsSeen(),
            faults.faults,
            sim.rateLimitedCount(),
            ms,
            wf.sim.stats(),
            stores.jobs().counts(CONNECTION));
        assertThat(sim.pingsDelivered()).isEqualTo(3L * (RECORDS + UPDATES));
        assertThat(faults.faults.keySet()).contains(429, 500, 503);
        assertThat(stores.jobs().counts(CONNECTION).getOrDefault(JobState.DEAD, 0L)).isZero();
        wf.assertExactlyOnceWithNewestData(expected);
        assertThat(wf.sim.stats().itemsCreated()).isEqualTo(RECORDS);
        engine.close();
        jdbc.close();
      }
    }
  }
}
