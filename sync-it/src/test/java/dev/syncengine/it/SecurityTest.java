package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.crypto.SecretBoxException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Scenario 7: the admin API and the ingress over real HTTP on Jetty. Every admin route (read from
 * {@code docs/openapi.yaml}) refuses a caller without a session; every mutation refuses a missing
 * or wrong CSRF token; failed logins are throttled; the secrets configured (with distinctive
 * values) never appear in captured log output nor in any response body, through a flow of auth
 * failures, Webflow 401s and SmartSuite errors; tampered ciphertext in {@code sync_connection} is
 * refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  // Distinctive values: any of them in a log line or a response body is a leak.
  static final String WF_TOKEN = "wf-GOOD-token-7Qz1xK9pLm3vN8";
  static final String WF_BAD_TOKEN = "wf-BAD-token-4Hj6tR2yWq0eU5";
  static final String SS_KEY = "ss-GOOD-apikey-9Tb3nM7cXz1aS4";
  static final String SS_BAD_KEY = "ss-BAD-apikey-2Ld8fG5hJk6oP0";
  static final String SIGNING_RAW = "signing-secret-Vw3Ey8Ru1Io4Pa7S";
  static final String SIGNING_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString(SIGNING_RAW.getBytes(StandardCharsets.UTF_8));
  static final String HOOK_TOKEN = "hook-SECRET-token-6Df9Gh2Jk5Lz8X";
  static final String PASSWORD = "admin-PASSWORD-3Cv6Bn9Mq2We5R";
  static final String TRIGGER = "trigger-SECRET-8Ty1Ui4Op7As0Df3Gh6Jk9";
  static final String BOX_KEY = SecretBox.generateKey();
  static final int MAX_FAILURES = 3;

  private static final Pattern PATH = Pattern.compile("^  (/admin/api/\\S+):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");

  record Route(String method, String path) {}

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> bodies = new ArrayList<>();
  private Logger root;
  private Logger ours;
  private Level oursBefore;
  private WebflowSimulator webflow;
  private SmartSuiteSimulator smartsuite;
  private HikariDataSource ds;
  private JdbcStores jdbc;
  private Stores stores;
  private SyncEngine engine;
  private JettyHost host;
  private Http http;
  private List<Route> routes;
  private String[] session;
  private String site;
  private String collection;

  @BeforeAll
  void start() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ours = (Logger) LoggerFactory.getLogger("dev.syncengine");
    oursBefore = ours.getLevel();
    logs.start();
    root.addAppender(logs);
    ours.setLevel(Level.DEBUG); // the most talkative the library gets
    webflow =
        WebflowSimulator.builder()
            .tokens(WF_TOKEN)
            .rateLimit(Wiring.RATE_LIMIT, Wiring.RATE_WINDOW)
            .start();
    smartsuite =
        SmartSuiteSimulator.builder()
            .apiKey(SS_KEY)
            .penalty(Duration.ofSeconds(1))
            .delivery(SimWebhookDelivery.once())
            .start();
    ds = Wiring.pool(db.jdbcUrl(), 4);
    jdbc = Wiring.jdbcStores(ds, BOX_KEY);
    stores = Wiring.stores(jdbc);
    site = webflow.createSite("Shop");
    collection =
        webflow.createCollection(
            site,
            "Products",
            List.of(
                dev.syncengine.testing.webflow.SimField.optional("price", "Number"),
                dev.syncengine.testing.webflow.SimField.optional("rev", "Number"),
                dev.syncengine.testing.webflow.SimField.optional(
                    Wiring.MARKER_FIELD, "PlainText")));
    smartsuite.createTable("sol1", "tbl1", "Products", List.of());
    stores
        .connections()
        .save(Wiring.pushConnection("good", site, collection, WF_TOKEN, HOOK_TOKEN));
    stores
        .connections()
        .save(Wiring.pushConnection("badwf", site, collection, WF_BAD_TOKEN, HOOK_TOKEN));
    stores
        .connections()
        .save(
            ConnectionConfig.builder("ss")
                .source(new ResourceRef(SmartSuiteSource.TYPE, "sol1", "tbl1"))
                .target(new ResourceRef(WebflowSink.TYPE, site, collection))
                .ingestionMode(IngestionMode.SIGNED_PUSH)
                .credentials(
                    Credentials.of(
                        Map.of(
                            SmartSuiteCredentials.API_KEY, SS_BAD_KEY,
                            SmartSuiteCredentials.ACCOUNT_ID, smartsuite.accountId(),
                            Credentials.SIGNING_SECRETS, SIGNING_SECRET,
                            WebflowCredentials.TOKEN, WF_TOKEN,
                            Credentials.WEBHOOK_TOKEN, HOOK_TOKEN)))
                .build());
    for (String c : List.of("good", "badwf", "ss")) {
      stores.connections().saveMapping(c, Changes.JSON.createObjectNode());
    }
    engine =
        SyncEngine.builder()
            .stores(stores)
            .source(new PushSource())
            .source(
                SmartSuiteSource.builder()
                    .client(
                        c ->
                            c.baseUrl(smartsuite.baseUrl())
                                .webhooksUrl(smartsuite.webhooksUrl())
                                .penalty(Duration.ofSeconds(1)))
                    .build())
            .sink(Wiring.sink(webflow.baseUrl(), RateLimiterRegistry.create()))
            .mappingCompiler(CopyMapping.compiler())
            .configCacheTtl(Duration.ZERO)
            .workers(Wiring.workers(1))
            .build();
    SyncServlets servlets =
        SyncServlets.builder(engine)
            .security(
                AdminSecurity.builder()
                    .passwordHash(AdminSecurity.hashPassword(PASSWORD.toCharArray()))
                    .secureCookie(false)
                    .triggerSecret(TRIGGER)
                    .loginThrottle(MAX_FAILURES, Duration.ofMinutes(5))
                    .build())
            .dashboard(false)
            .build();
    host = new JettyHost(servlets);
    http = new Http(host, bodies);
    routes = routes();
    session = http.login(PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    try (WebflowSimulator w = webflow;
        SmartSuiteSimulator ss = smartsuite;
        HikariDataSource d = ds;
        JettyHost h = host) {
      closeEngine();
    } finally {
      root.detachAppender(logs);
      ours.setLevel(oursBefore);
    }
  }

  private void closeEngine() {
    if (engine != null) {
      engine.close();
      jdbc.close();
      engine = null;
    }
  }

  @Test
  @Order(1)
  void everyAdminRouteButLoginRefusesACallerWithoutASession() throws Exception {
    assertThat(routes).hasSizeGreaterThan(30);
    // No session: every admin route but login answers 401, with or without a forged cookie.
    for (Route r : routes) {
      if (r.method().equals("POST") && r.path().equals("/admin/api/session")) {
        continue;
      }
      for (String cookie : new String[] {null, "syncengine_session=forged-session-id"}) {
        HttpResponse<String> resp = http.call(r, "good", cookie, "any-csrf");
        assertThat(resp.statusCode())
            .as("%s %s cookie=%s", r.method(), r.path(), cookie)
            .isEqualTo(401);
        assertThat(code(resp)).isEqualTo("unauthenticated");
      }
    }
  }

  @Test
  @Order(2)
  void everyMutationRefusesAMissingOrWrongCsrfTokenAndChangesNothing() throws Exception {
    // A session, but no or a wrong CSRF token: every mutation answers 403, nothing changes.
    int mutations = 0;
    for (Route r : routes) {
      if (r.method().equals("GET")
          || (r.method().equals("POST") && r.path().equals("/admin/api/session"))) {
        continue;
      }
      mutations++;
      for (String csrf : new String[] {null, "", "wrong-" + session[1]}) {
        HttpResponse<String> resp = http.call(r, "good", session[0], csrf);
        assertThat(resp.statusCode())
            .as("%s %s csrf=%s", r.method(), r.path(), csrf)
            .isEqualTo(403);
        assertThat(code(resp)).isEqualTo("csrf_failed");
      }
    }
    assertThat(mutations).isGreaterThan(20);
    assertThat(stores.connections().find("good")).isPresent();
    assertThat(
            http.call(new Route("GET", "/admin/api/session"), "good", session[0], null)
                .statusCode())
        .as("the session survived the CSRF failures")
        .isEqualTo(200);
  }

  @Test
  @Order(3)
  void aFlowFailingInEveryWayNeverAnswers500() throws Exception {
    // A flow that fails in every way: auth failures at the ingress and the trigger, Webflow
    // 401s, SmartSuite 401s; every admin route with a session (the destructive ones last).
    http.post("/hooks/good/wrong-token", Changes.body(List.of(new Changes("good").next(1))));
    http.post(
        "/hooks/ss",
        "{\"event_type\":\"record_updated\"}",
        StandardWebhooks.ID_HEADER,
        "msg_1",
        StandardWebhooks.TIMESTAMP_HEADER,
        String.valueOf(System.currentTimeMillis() / 1000),
        StandardWebhooks.SIGNATURE_HEADER,
        "v1,bm90LWEtc2lnbmF0dXJl");
    assertThat(
            http.post(
                    "/hooks/badwf/" + HOOK_TOKEN,
                    Changes.body(List.of(new Changes("badwf").next(1))))
                .statusCode())
        .isEqualTo(202);
    assertThat(
            http.post(
                    "/hooks/good/" + HOOK_TOKEN, Changes.body(List.of(new Changes("good").next(1))))
                .statusCode())
        .isEqualTo(202);
    String ssBody = signedPush("rec-1");
    long ts = System.currentTimeMillis() / 1000;
    StandardWebhooks signer =
        new StandardWebhooks(List.of(SIGNING_SECRET), Duration.ofMinutes(5), Clock.systemUTC());
    http.post(
        "/hooks/ss",
        ssBody,
        StandardWebhooks.ID_HEADER,
        "msg_2",
        StandardWebhooks.TIMESTAMP_HEADER,
        String.valueOf(ts),
        StandardWebhooks.SIGNATURE_HEADER,
        signer.sign("msg_2", ts, ssBody.getBytes(StandardCharsets.UTF_8)));
    assertThat(http.trigger("Bearer wrong-" + TRIGGER).statusCode()).isEqualTo(401);
    assertThat(http.trigger(null).statusCode()).isEqualTo(401);
    for (int i = 0; i < 4; i++) {
      assertThat(http.trigger("Bearer " + TRIGGER).statusCode()).isEqualTo(200);
    }
    assertThat(stores.jobs().counts("good").getOrDefault(JobState.DONE, 0L)).isEqualTo(1);
    assertThat(webflow.stats().requests()).isPositive();

    List<Route> destructive = new ArrayList<>();
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (Route r : routes) {
      if (r.method().equals("DELETE")
          || r.path().endsWith("/unregister")
          || r.path().endsWith("/rotate-token")
          || r.path().equals("/admin/api/session")) {
        destructive.add(r);
        continue;
      }
      for (String c : List.of("good", "badwf", "ss")) {
        HttpResponse<String> resp = http.call(r, c, session[0], session[1]);
        statuses.put(r.method() + " " + r.path() + " " + c, resp.statusCode());
      }
    }
    // Drafts that carry secrets in the body: the answers must not echo them.
    for (String p : List.of("/discovery/test", "/discovery/containers", "/discovery/collections")) {
      ObjectNode draft = Changes.JSON.createObjectNode();
      draft
          .putObject("source")
          .put("type", SmartSuiteSource.TYPE)
          .put("containerId", "sol1")
          .put("collectionId", "tbl1");
      draft
          .putObject("target")
          .put("type", WebflowSink.TYPE)
          .put("containerId", site)
          .put("collectionId", collection);
      draft
          .putObject("credentials")
          .put(SmartSuiteCredentials.API_KEY, SS_BAD_KEY)
          .put(SmartSuiteCredentials.ACCOUNT_ID, smartsuite.accountId())
          .put(WebflowCredentials.TOKEN, WF_BAD_TOKEN);
      draft.put("side", "source");
      HttpResponse<String> resp = http.admin("POST", "/admin/api" + p, draft.toString(), session);
      statuses.put("POST " + p + " draft", resp.statusCode());
    }
    ObjectNode create = Changes.JSON.createObjectNode();
    create.put("id", "created");
    create
        .putObject("source")
        .put("type", PushSource.TYPE)
        .put("containerId", "app")
        .put("collectionId", "products");
    create
        .putObject("target")
        .put("type", WebflowSink.TYPE)
        .put("containerId", site)
        .put("collectionId", collection);
    create
        .putObject("credentials")
        .put(WebflowCredentials.TOKEN, WF_BAD_TOKEN)
        .put(Credentials.SIGNING_SECRETS, SIGNING_SECRET);
    statuses.put(
        "POST /connections create",
        http.admin("POST", "/admin/api/connections", create.toString(), session).statusCode());
    statuses.put(
        "GET /connections/created",
        http.admin("GET", "/admin/api/connections/created", null, session).statusCode());
    for (Route r : destructive) {
      if (!r.path().equals("/admin/api/session")) {
        HttpResponse<String> resp = http.call(r, "badwf", session[0], session[1]);
        statuses.put(r.method() + " " + r.path() + " badwf", resp.statusCode());
      }
    }
    System.out.println("security: admin statuses " + statuses);
    assertThat(statuses.entrySet().stream().filter(e -> e.getValue() == 500).toList())
        .as("admin calls answered 500")
        .isEmpty();
    assertThat(statuses.values()).contains(502); // upstream errors were exercised
  }

  @Test
  @Order(4)
  void loginIsThrottledAfterRepeatedWrongPasswordsEvenForTheRightOne() throws Exception {
    // Login throttling: after MAX_FAILURES wrong passwords, 429 — even for the right one.
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(http.loginStatus("wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> throttled = http.loginStatus("wrong-again");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
    assertThat(http.loginStatus(PASSWORD).statusCode()).isEqualTo(429);
  }

  @Test
  @Order(5)
  void tamperedCiphertextIsRefusedWithoutEchoingASecret() throws Exception {
    // Tampered ciphertext: one flipped byte in the stored credentials is refused.
    tamperCredentials(ds, "good");
    Throwable refused = null;
    try {
      stores.connections().find("good");
    } catch (RuntimeException e) {
      refused = e;
    }
    assertThat(refused).as("loading a tampered connection").isNotNull();
    assertThat(causes(refused)).anyMatch(t -> t instanceof SecretBoxException);
    assertThat(messages(refused)).doesNotContain(WF_TOKEN, HOOK_TOKEN);
    HttpResponse<String> viaAdmin = http.admin("GET", "/admin/api/connections/good", null, session);
    assertThat(viaAdmin.statusCode()).isEqualTo(500);
    assertThat(viaAdmin.body()).contains("credentials_unreadable").doesNotContain(WF_TOKEN);
    assertThat(
            http.post(
                    "/hooks/good/" + HOOK_TOKEN, Changes.body(List.of(new Changes("good").next(2))))
                .statusCode())
        .as("ingress for a connection whose credentials cannot be opened")
        .isNotIn(200, 202);
    System.out.println(
        "security: tampered → "
            + refused
            + "; admin "
            + viaAdmin.statusCode()
            + " "
            + viaAdmin.body());
  }

  @Test
  @Order(6)
  void noSecretReachesALogLineOrAResponseBody() {
    closeEngine(); // its shutdown logs are searched too
    // No secret in any log line (message, arguments, stack traces) nor in any response body.
    StringBuilder captured = new StringBuilder();
    for (ILoggingEvent e : logs.list) {
      captured.append(e.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        captured.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
      captured.append(e.getMDCPropertyMap()).append('\n');
    }
    System.out.printf(
        "security: %d log events, %d response bodies searched%n", logs.list.size(), bodies.size());
    assertThat(logs.list.size()).isGreaterThan(10);
    List<String> secrets =
        List.of(
            WF_TOKEN,
            WF_BAD_TOKEN,
            SS_KEY,
            SS_BAD_KEY,
            SIGNING_SECRET,
            SIGNING_RAW,
            SIGNING_SECRET.substring(6),
            HOOK_TOKEN,
            PASSWORD,
            TRIGGER,
            BOX_KEY);
    for (String s : secrets) {
      assertThat(captured.toString()).as("logs").doesNotContain(s);
    }
    // The hook token is part of the webhook URL the admin API shows by design (docs/api.md).
    for (String s : secrets) {
      if (!s.equals(HOOK_TOKEN)) {
        for (String b : bodies) {
          assertThat(b).as("a response body").doesNotContain(s);
        }
      }
    }
  }

  /** Every admin operation in docs/openapi.yaml. */
  static List<Route> routes() throws Exception {
    List<Route> out = new ArrayList<>();
    String path = null;
    for (String line : Files.readAllLines(Path.of("..", "docs", "openapi.yaml"))) {
      Matcher p = PATH.matcher(line);
      if (p.matches()) {
        path = p.group(1);
        continue;
      }
      if (line.matches("^  \\S.*")) {
        path = null;
      }
      Matcher m = METHOD.matcher(line);
      if (path != null && m.matches()) {
        out.add(new Route(m.group(1).toUpperCase(), path));
      }
    }
    return out;
  }

  static String code(HttpResponse<String> r) throws Exception {
    return Changes.JSON.readTree(r.body()).path("error").path("code").asText();
  }

  static String signedPush(String record) {
    ObjectNode b = Changes.JSON.createObjectNode();
    b.put("event_type", "record_updated");
    b.put("record_id", record);
    ObjectNode data = b.putObject("data");
    data.put("id", record);
    data.put("application_id", "tbl1");
    data.put("title", "Signed " + record);
    data.putObject("first_created").put("by", "u").put("on", "2025-03-01T10:00:00Z");
    data.putObject("last_updated").put("by", "u").put("on", "2025-03-01T10:00:01Z");
    return b.toString();
  }

  /** Flips one byte of the ciphertext in sync_connection.credentials (keeping it base64). */
  static void tamperCredentials(HikariDataSource ds, String id) throws Exception {
    try (Connection c = ds.getConnection()) {
      String stored;
      try (PreparedStatement s =
          c.prepareStatement("SELECT credentials FROM sync_connection WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          assertThat(r.next()).isTrue();
          stored = r.getString(1);
        }
      }
      assertThat(stored).doesNotContain(WF_TOKEN, HOOK_TOKEN); // encrypted at rest
      int colon = stored.lastIndexOf(':');
      byte[] sealed = Base64.getDecoder().decode(stored.substring(colon + 1));
      sealed[sealed.length / 2] ^= 0x01;
      String tampered = stored.substring(0, colon + 1) + Base64.getEncoder().encodeToString(sealed);
      try (PreparedStatement s =
          c.prepareStatement("UPDATE sync_connection SET credentials = ? WHERE id = ?")) {
        s.setString(1, tampered);
        s.setString(2, id);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }
  }

  static List<Throwable> causes(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    causes(t).forEach(c -> b.append(c).append('\n'));
    return b.toString();
  }

  /** The test's HTTP calls; every response body is kept for the leak search. */
  private record Http(JettyHost host, List<String> bodies) {
    HttpResponse<String> keep(HttpResponse<String> r) {
      bodies.add(r.body());
      return r;
    }

    HttpResponse<String> call(Route r, String connection, String cookie, String csrf)
        throws Exception {
      List<String> h = new ArrayList<>();
      if (cookie != null) {
        h.add("Cookie");
        h.add(cookie);
      }
      if (csrf != null) {
        h.add("X-CSRF-Token");
        h.add(csrf);
      }
      byte[] body = null;
      if (!r.method().equals("GET") && !r.method().equals("DELETE")) {
        h.add("Content-Type");
        h.add("application/json");
        body = "{}".getBytes(StandardCharsets.UTF_8);
      }
      String path =
          r.path().replace("{id}", r.path().startsWith("/admin/api/events/") ? "1" : connection);
      return keep(host.send(r.method(), path, body, h.toArray(String[]::new)));
    }

    HttpResponse<String> admin(String method, String path, String json, String[] session)
        throws Exception {
      List<String> h = new ArrayList<>(List.of("Cookie", session[0], "X-CSRF-Token", session[1]));
      if (json != null) {
        h.add("Content-Type");
        h.add("application/json");
      }
      return keep(
          host.send(
              method,
              path,
              json == null ? null : json.getBytes(StandardCharsets.UTF_8),
              h.toArray(String[]::new)));
    }

    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
      List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
      h.addAll(List.of(headers));
      return keep(
          host.send("POST", path, json.getBytes(StandardCharsets.UTF_8), h.toArray(String[]::new)));
    }

    HttpResponse<String> trigger(String authorization) throws Exception {
      return keep(
          authorization == null
              ? host.send("POST", "/jobs/run", null)
              : host.send("POST", "/jobs/run", null, "Authorization", authorization));
    }

    HttpResponse<String> loginStatus(String password) throws Exception {
      return keep(
          host.send(
              "POST",
              "/admin/api/session",
              Changes.JSON
                  .createObjectNode()
                  .put("password", password)
                  .toString()
                  .getBytes(StandardCharsets.UTF_8),
              "Content-Type",
              "application/json"));
    }

    /** [cookie, csrf]. */
    String[] login(String password) throws Exception {
      HttpResponse<String> r = loginStatus(password);
      assertThat(r.statusCode()).isEqualTo(200);
      String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
      JsonNode state = Changes.JSON.readTree(r.body());
      return new String[] {
        setCookie.substring(0, setCookie.indexOf(';')), state.get("csrfToken").asText()
      };
    }
  }
}
