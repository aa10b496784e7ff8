package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.webflow.WebflowCredentials;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * What the harness, the engine process and the benchmarks agree on: the SmartSuite table, the
 * Webflow collection, the mapping between them, the connection and the database helpers.
 */
public final class BenchSetup {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String CONNECTION = "bench";
  public static final String SOLUTION = "solbench";
  public static final String TABLE = "tblbench";

  /** A fixed Standard Webhooks secret: the harness signs with it, the engine verifies. */
  public static final String SIGNING_SECRET = "whsec_c3luY2VuZ2luZS1iZW5jaG1hcmstc2lnbmluZy1rZXk=";

  public static final String WEBFLOW_TOKEN = "bench-webflow-token";

  /** The secret path segment of the webhook URL the engine registers at SmartSuite. */
  public static final String WEBHOOK_TOKEN = "bench-hook-token-0123456789abcdef";

  /** The mapping: name, slug, price, colour (choice label), rev, live, notes, source id. */
  public static final String MAPPING =
      "{\"format\":1,\"fields\":{\"name\":\"title\",\"price\":\"Price\",\"colour\":\"Colour\","
          + "\"rev\":\"Rev\",\"live\":\"Live\",\"notes\":\"Notes\",\"source-id\":\"id\"},"
          + "\"slug\":{\"template\":\"item-{{id}}\"}}";

  /**
   * The two-way mapping ({@code --two-way}, docs/mapping.md "Direction per field"): the same
   * fields, with {@code notes} owned by Webflow (an Editor's text, as an SEO description would be)
   * and {@code live} by both sides. Both rules are direct, text to PlainText and yes/no to Switch:
   * pairs the inversion table lists as invertible.
   */
  public static final String TWO_WAY_MAPPING =
      "{\"format\":1,\"fields\":{\"name\":\"title\",\"price\":\"Price\",\"colour\":\"Colour\","
          + "\"rev\":\"Rev\",\"live\":{\"source\":\"Live\",\"owner\":\"both\"},"
          + "\"notes\":{\"source\":\"Notes\",\"owner\":\"webflow\"},\"source-id\":\"id\"},"
          + "\"slug\":{\"template\":\"item-{{id}}\"}}";

  /**
   * The secret the Webflow simulator signs its deliveries with ({@code x-webflow-signature}, as
   * Webflow does for an OAuth app's webhooks), held by the two-way connection as {@code
   * webflow.webhook.secret}, so every delivery is verified as in production.
   */
  public static final String WEBFLOW_WEBHOOK_SECRET = "bench-webflow-client-secret";

  private BenchSetup() {}

  /** The SmartSuite table's fields (a title field is always added). */
  public static List<dev.syncengine.testing.smartsuite.SimField> tableFields() {
    return List.of(
        dev.syncengine.testing.smartsuite.SimField.of("s_price", "Price", "currencyfield"),
        dev.syncengine.testing.smartsuite.SimField.choices(
            "s_colour", "Colour", "singleselectfield", Map.of("c1", "Red", "c2", "Blue")),
        dev.syncengine.testing.smartsuite.SimField.of("s_rev", "Rev", "numberfield"),
        dev.syncengine.testing.smartsuite.SimField.of("s_live", "Live", "yesnofield"),
        dev.syncengine.testing.smartsuite.SimField.of("s_notes", "Notes", "textareafield"));
  }

  /** The Webflow collection's fields besides name and slug. */
  public static List<SimField> collectionFields() {
    return List.of(
        SimField.optional("price", "Number"),
        SimField.optional("colour", "PlainText"),
        SimField.optional("rev", "Number"),
        SimField.optional("live", "Switch"),
        SimField.optional("notes", "PlainText"),
        SimField.optional("source-id", "PlainText"));
  }

  /** Creates the table in a SmartSuite simulator. */
  public static void createTable(SmartSuiteSimulator sim) {
    sim.createTable(SOLUTION, TABLE, "Products", tableFields());
  }

  /** The benchmark connection, taking signed pushes. */
  public static ConnectionConfig connection(
      String apiKey, String accountId, String siteId, String collectionId, int batchSize) {
    return connection(apiKey, accountId, siteId, collectionId, batchSize, false);
  }

  /**
   * The benchmark connection.
   *
   * @param batchSize items per Webflow call (1 = the naive one-item-per-request sync)
   * @param nativeHooks SmartSuite's own webhooks (ping, then {@code ListEvents}) instead of signed
   *     pushes
   */
  public static ConnectionConfig connection(
      String apiKey,
      String accountId,
      String siteId,
      String collectionId,
      int batchSize,
      boolean nativeHooks) {
    return ConnectionConfig.builder(CONNECTION)
        .source(new ResourceRef(SmartSuiteSource.TYPE, SOLUTION, TABLE))
        .target(new ResourceRef("webflow", siteId, collectionId))
        .ingestionMode(nativeHooks ? IngestionMode.NATIVE_WEBHOOK : IngestionMode.SIGNED_PUSH)
        .batchSize(batchSize)
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, apiKey,
                    SmartSuiteCredentials.ACCOUNT_ID, accountId,
                    Credentials.SIGNING_SECRETS, SIGNING_SECRET,
                    Credentials.WEBHOOK_TOKEN, WEBHOOK_TOKEN,
                    WebflowCredentials.TOKEN, WEBFLOW_TOKEN)))
        .build();
  }

  /**
   * The two-way connection ({@code --two-way}): SmartSuite's own webhooks forward, option {@code
   * twoWay.enabled=true}, Webflow's deliveries signed with {@link #WEBFLOW_WEBHOOK_SECRET}.
   */
  public static ConnectionConfig twoWayConnection(
      String apiKey, String accountId, String siteId, String collectionId, int batchSize) {
    ConnectionConfig c = connection(apiKey, accountId, siteId, collectionId, batchSize, true);
    return c.toBuilder()
        .option(TwoWay.OPTION_ENABLED, "true")
        .credentials(
            c.credentials().with(WebflowCredentials.WEBHOOK_SECRET, WEBFLOW_WEBHOOK_SECRET))
        .build();
  }

  public static ObjectNode mapping() {
    return parse(MAPPING);
  }

  public static ObjectNode twoWayMapping() {
    return parse(TWO_WAY_MAPPING);
  }

  private static ObjectNode parse(String mapping) {
    try {
      return (ObjectNode) JSON.readTree(mapping);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The admin URL: {@code SYNC_BENCH_POSTGRES_URL} or the local server. */
  public static String adminUrl() {
    return System.getenv()
        .getOrDefault(
            "SYNC_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  }

  /** The same server URL pointing at another database. */
  public static String withDatabase(String url, String db) {
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    int query = url.indexOf('?');
    return url.substring(0, slash) + "/" + db + (query < 0 ? "" : url.substring(query));
  }

  public static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Creates a fresh database (dropping one of the same name); returns its JDBC URL. */
  public static String freshDatabase(String adminUrl, String name) throws SQLException {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
    execute(adminUrl, "CREATE DATABASE " + name);
    return withDatabase(adminUrl, name);
  }
}
