package dev.syncengine.smartsuite.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared wiring for the end-to-end tests: a simulator with a products table, a SmartSuite
 * connection to a recording sink, and an engine built the way a host builds it. Every test uses its
 * own API key, so the JVM-wide per-key rate limit of one test never slows another.
 */
final class E2e {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SOLUTION = "sol1";
  static final String PRODUCTS = "tblproducts";

  /**
   * Penalty after a 429, in the simulator and the client. Shorter than SmartSuite's 30 s so that a
   * pacing bug fails an assertion (no 429 expected) instead of stalling the build.
   */
  static final Duration PENALTY = Duration.ofSeconds(3);

  /** Copies the normalised record to fieldData with name, slug and the version it was read at. */
  static final MappingCompiler COMPILER =
      (version, source, target) ->
          (record, context) -> {
            ObjectNode fd = record.values().deepCopy();
            fd.put("name", record.values().path("title").asText());
            fd.put("slug", "p-" + record.id());
            fd.put("_version", record.version().toString());
            return new MappedItem(fd, ItemAction.DEFAULT, List.of());
          };

  private E2e() {}

  /** A simulator keeping SmartSuite's real 5 requests/second, with a short penalty. */
  static SmartSuiteSimulator simulator(String apiKey, SimWebhookDelivery delivery) {
    SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder()
            .apiKey(apiKey)
            .requestsPerSecond(5)
            .penalty(PENALTY)
            .delivery(delivery)
            .start();
    sim.createTable(
        SOLUTION,
        PRODUCTS,
        "Products",
        List.of(
            SimField.of("s_price", "Price", "currencyfield"),
            SimField.choices(
                "s_colour", "Colour", "singleselectfield", Map.of("c1", "Red", "c2", "Blue")),
            SimField.of("s_live", "Live", "yesnofield")));
    return sim;
  }

  /** Saves a connection from the simulator's products table to the recording sink. */
  static ConnectionConfig connection(
      Stores stores, String id, SmartSuiteSimulator sim, IngestionMode mode) {
    ConnectionConfig c =
        ConnectionConfig.builder(id)
            .source(new ResourceRef(SmartSuiteSource.TYPE, SOLUTION, PRODUCTS))
            .target(new ResourceRef("webflow", "site1", "col1"))
            .ingestionMode(mode)
            .retry(new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 5))
            .credentials(
                Credentials.of(
                    Map.of(
                        SmartSuiteCredentials.API_KEY, sim.apiKey(),
                        SmartSuiteCredentials.ACCOUNT_ID, sim.accountId(),
                        Credentials.WEBHOOK_TOKEN, UUID.randomUUID().toString())))
            .build();
    stores.connections().save(c);
    stores.connections().saveMapping(id, JSON.createObjectNode().put("kind", "copy"));
    return c;
  }

  /** A fresh adapter, as a newly started process would build it. */
  static SmartSuiteSource source(SmartSuiteSimulator sim) {
    return SmartSuiteSource.builder()
        .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()).penalty(PENALTY))
        .eventPageSize(50)
        .build();
  }

  /**
   * A Webflow stand-in (type {@code webflow}) that keeps items in memory and records every op it is
   * asked to write ({@link FakeSink#received}, version from the mapped {@code _version}), so tests
   * can tell a change applied once from one applied twice. It never answers UNCHANGED nor adopts by
   * slug: a write the engine should not have asked for shows up, and a second create for a record
   * lands in {@link FakeSink#duplicateCreates}.
   */
  static FakeSink recordingSink() {
    return new FakeSink()
        .ofType("webflow")
        .withSchema(
            c ->
                new TargetSchema(
                    c.target().id(),
                    "Products",
                    List.of(
                        new TargetField(
                            "f1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
                        new TargetField(
                            "f2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null))))
        .adoptingBySlug(false)
        .reportingUnchanged(false)
        .versionField("_version");
  }

  /** A client for the test's own look at the simulator (same key, so same rate budget). */
  static SmartSuiteClient client(SmartSuiteSimulator sim) {
    return SmartSuiteClient.builder()
        .baseUrl(sim.baseUrl())
        .webhooksUrl(sim.webhooksUrl())
        .apiKey(sim.apiKey())
        .accountId(sim.accountId())
        .penalty(PENALTY)
        .build();
  }

  static SyncEngine engine(
      Stores stores, SmartSuiteSource source, FakeSink sink, HookReceiver receiver, String owner) {
    SyncEngine.Builder b =
        SyncEngine.builder()
            .stores(stores)
            .source(source)
            .sink(sink)
            .mappingCompiler(COMPILER)
            .owner(owner)
            .configCacheTtl(Duration.ZERO)
            .workers(
                new WorkerSettings(
                    2, 100, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(15)));
    if (receiver != null) {
      b.webhookUrl(receiver::urlFor);
    }
    return b.build();
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
