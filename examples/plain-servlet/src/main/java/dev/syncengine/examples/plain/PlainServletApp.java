package dev.syncengine.examples.plain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import jakarta.servlet.DispatcherType;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * SyncEngine without Spring, in one readable page: JDBC stores on in-memory H2 (or PostgreSQL when
 * {@code SYNC_DATABASE_URL} is set), the SmartSuite source and Webflow sink, the engine, and its
 * servlets on embedded Jetty 12. Simulated SmartSuite and Webflow services make it run on its own.
 *
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl examples/plain-servlet exec:java
 * </pre>
 */
public final class PlainServletApp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stand-ins for SmartSuite and Webflow: one table, one collection, a few records. */
  private record Services(
      SmartSuiteSimulator smartSuite, WebflowSimulator webflow, String site, String collection)
      implements AutoCloseable {
    static Services start() {
      SmartSuiteSimulator smartSuite = SmartSuiteSimulator.builder().apiKey("key").start();
      smartSuite.createTable(
          "sol1",
          "tbl_products",
          "Products",
          List.of(SimField.of("s_price", "Price", "currencyfield")));
      for (int i = 1; i <= 20; i++) {
        smartSuite.createRecord(
            "tbl_products", json("{\"title\":\"Tea no. %d\",\"s_price\":\"%d.50\"}", i, i));
      }
      WebflowSimulator webflow = WebflowSimulator.builder().start();
      String site = webflow.createSite("Shop");
      String collection =
          webflow.createCollection(
              site,
              "Products",
              List.of(dev.syncengine.testing.webflow.SimField.required("price", "Number")));
      return new Services(smartSuite, webflow, site, collection);
    }

    @Override
    public void close() {
      smartSuite.close();
      webflow.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(env("PORT", "8081"));
    Services services = Services.start();

    // Durable stores; credentials are encrypted with a key from the environment.
    HikariDataSource db = new HikariDataSource();
    db.setJdbcUrl(env("SYNC_DATABASE_URL", "jdbc:h2:mem:plain-servlet;DB_CLOSE_DELAY=-1"));
    db.setUsername(env("SYNC_DATABASE_USERNAME", "sa"));
    db.setPassword(env("SYNC_DATABASE_PASSWORD", ""));
    SecretBox box =
        SecretBox.builder().key("k1", env("SYNC_ENCRYPTION_KEY", SecretBox.generateKey())).build();
    JdbcStores jdbc = JdbcStores.create(db, JdbcStoreOptions.builder().secretBox(box).build());

    SyncEngine engine = engine(jdbc.stores(), services, port);
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    Server server = serve(engine, password, port);
    jdbc.listen(engine::wakeUp); // wake workers as soon as a change is queued
    engine.start();
    connect(engine.admin(), services);

    System.out.printf(
        "%nDashboard: http://localhost:%d/sync/  (admin password: %s)%n", port, password);
    System.out.println(
        "Edit a record: the change travels webhook -> queue -> Webflow. Ctrl+C stops.");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  try {
                    server.stop();
                  } catch (Exception ignored) {
                    // shutting down anyway
                  }
                  jdbc.close();
                  db.close();
                  services.close();
                }));
    editOneRecord(services);
    server.join();
  }

  /** The engine: adapters, mapping compiler, and where SmartSuite's webhooks should call. */
  private static SyncEngine engine(Stores stores, Services services, int port) {
    return SyncEngine.builder()
        .stores(stores)
        .source(
            SmartSuiteSource.builder()
                .client(
                    c ->
                        c.baseUrl(services.smartSuite().baseUrl())
                            .webhooksUrl(services.smartSuite().webhooksUrl()))
                .build())
        .sink(WebflowSink.builder().client(c -> c.baseUrl(services.webflow().baseUrl())).build())
        .mappingCompiler(DefaultMappingCompiler.ofDefaults())
        .webhookUrl(
            c ->
                "http://localhost:"
                    + port
                    + "/sync/hooks/"
                    + c.id()
                    + "/"
                    + c.credentials().require(Credentials.WEBHOOK_TOKEN))
        .build();
  }

  /** HTTP: webhook ingress, health, admin API and dashboard under /sync, on Jetty. */
  private static Server serve(SyncEngine engine, String password, int port) throws Exception {
    SyncServlets servlets =
        SyncServlets.builder(engine)
            .security(
                AdminSecurity.builder()
                    .passwordHash(AdminSecurity.hashPassword(password.toCharArray()))
                    .secureCookie(false)
                    .build())
            .build();
    ServletContextHandler context = new ServletContextHandler("/");
    for (SyncServlets.Mount m : servlets.mounts()) {
      context.addServlet(new ServletHolder(m.name(), m.servlet()), m.pathSpec());
    }
    context.addFilter(
        new FilterHolder(servlets.securityHeadersFilter()),
        servlets.filterPathSpec(),
        EnumSet.of(DispatcherType.REQUEST));
    Server server = new Server(port);
    server.setHandler(context);
    server.start();
    return server;
  }

  /** One connection with its mapping; the engine registers the webhook and backfills. */
  private static void connect(ControlPlane admin, Services services) throws Exception {
    ConnectionConfig products =
        ConnectionConfig.builder("products")
            .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", "tbl_products"))
            .target(new ResourceRef(WebflowSink.TYPE, services.site(), services.collection()))
            .credentials(
                Credentials.of(
                    Map.of(
                        SmartSuiteCredentials.API_KEY, services.smartSuite().apiKey(),
                        SmartSuiteCredentials.ACCOUNT_ID, services.smartSuite().accountId(),
                        WebflowCredentials.TOKEN, "any-token",
                        Credentials.WEBHOOK_TOKEN,
                            HexFormat.of().formatHex(new SecureRandom().generateSeed(16)))))
            .build();
    admin.create(products);
    admin.saveMapping(
        "products", json("{\"fields\": {\"name\": \"Title\", \"price\": \"Price\"}}"));
    admin.registerWebhook("products");
    admin.backfill("products");
    admin.awaitBackfill("products");
  }

  /** Edits one record in the SmartSuite stand-in and shows it arriving in Webflow. */
  private static void editOneRecord(Services services) throws InterruptedException {
    Thread.sleep(3000);
    services
        .smartSuite()
        .updateRecord(
            "tbl_products",
            services.smartSuite().records("tbl_products").get(0).path("id").asText(),
            json("{\"s_price\":\"99.00\"}"));
    Thread.sleep(2000);
    List<?> items = services.webflow().items(services.collection());
    System.out.printf(
        "Webflow now has %d items; the first costs %s%n",
        items.size(),
        services.webflow().items(services.collection()).get(0).fieldData().path("price"));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static ObjectNode json(String format, Object... args) {
    try {
      return (ObjectNode) JSON.readTree(String.format(format, args));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
