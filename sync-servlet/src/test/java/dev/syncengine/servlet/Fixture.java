package dev.syncengine.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.servlet.internal.Pbkdf2;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An engine over in-memory stores with a test source and sink, exposed through {@link SyncServlets}
 * on an embedded Jetty at a random port, plus an HTTP client that records every response body it
 * sees.
 */
final class Fixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SIGNING_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("a-test-secret-of-32-bytes-length".getBytes());
  static final String WEBHOOK_TOKEN = "hook-token-abcdefghijklmnopqrstuvwxyz012345";
  static final String PASSWORD = "correct horse battery staple";
  static final String TRIGGER_SECRET = "trigger-secret-0123456789abcdefghijkl";
  static final String CONNECTION = "products";
  static final String BASE = "/sync";

  /** Maps title → name and price → price; a spec with "bad" fails to compile. */
  static final MappingCompiler COMPILER =
      (version, source, target) -> {
        JsonNode spec = version.spec();
        if (spec.has("bad")) {
          throw new MappingValidationException(
              List.of(
                  new MappingValidationException.Problem(
                      spec.get("bad").asText(), "direct", "unknown source field", true)));
        }
        return (record, ctx) -> {
          JsonNode title = record.values().get("title");
          if (title == null || title.isNull()) {
            throw new MappingException("name", "title is required for name", false);
          }
          ObjectNode fd = JSON.createObjectNode();
          fd.put("name", title.asText());
          fd.put("slug", "r-" + record.id());
          if (record.values().has("price")) {
            fd.set("price", record.values().get("price"));
          }
          return new MappedItem(fd, ItemAction.DEFAULT, List.of());
        };
      };

  final TestClock sessionClock = TestClock.at(Instant.parse("2025-03-01T10:00:00Z"));
  final Clock clock = Clock.systemUTC();
  final SwitchableJobStore jobs;
  final Stores stores;

  /** The credential the fake source checks (the name the dashboard's wizard sends). */
  static final String API_KEY = "smartsuite.apiKey";

  /** The only API key the fake source accepts. */
  static final String GOOD_KEY = "ss-key-correct-0123456789";

  static final SourceSchema PRODUCTS =
      new SourceSchema(
          "tbl1",
          "Products",
          "title",
          List.of(
              new SourceField("title", "Title", "textfield", SourceKind.TEXT, null),
              new SourceField("price", "Price", "numberfield", SourceKind.NUMBER, null)));

  final FakeSource source =
      new FakeSource(clock)
          .withSchema(PRODUCTS)
          .acceptOnly(API_KEY, GOOD_KEY)
          .answering(Map.of("webhookId", "wh-1"), Map.of("expires_at", "2099-01-01T00:00:00Z"));

  /** The credential the fake sink checks (the name the dashboard's wizard sends). */
  static final String SINK_TOKEN = "webflow.token";

  static final String GOOD_SINK_TOKEN = "wf-token-correct-0123456789";

  /** The products collection the fake sink answers with. */
  static final TargetSchema COLLECTION =
      new TargetSchema(
          "col1",
          "Products",
          List.of(
              new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
              new TargetField("2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null),
              new TargetField(
                  "3", "price", "Price", "Number", TargetKind.NUMBER, false, true, null)));

  /** Items in a map; an upsert whose name is "reject" fails for good; every write is applied. */
  final FakeSink sink = rejectingNamed("reject");

  private static FakeSink rejectingNamed(String name) {
    FakeSink s =
        new FakeSink()
            .withSchema(COLLECTION)
            .acceptOnly(SINK_TOKEN, GOOD_SINK_TOKEN)
            .adoptingBySlug(false)
            .reportingUnchanged(false);
    s.refuse =
        op ->
            op instanceof WriteOp.Upsert u && u.fieldData().path("name").asText().equals(name)
                ? SyncError.permanent("validation_error", "name refused", "name")
                : null;
    return s;
  }

  final SyncEngine engine;
  final SyncServlets servlets;
  final Server server;

  /**
   * {@code compile} as given; {@code directions} (owner and invertibility per field, for the
   * mapping editor) from the real {@link dev.syncengine.core.mapping.DefaultMappingCompiler}.
   */
  private static MappingCompiler withRealDirections(MappingCompiler compile) {
    return new MappingCompiler() {
      @Override
      public dev.syncengine.core.mapping.CompiledMapping compile(
          dev.syncengine.core.model.MappingVersion mapping,
          SourceSchema source,
          TargetSchema target)
          throws MappingValidationException {
        return compile.compile(mapping, source, target);
      }

      @Override
      public List<dev.syncengine.core.mapping.FieldDirection> directions(
          JsonNode spec, SourceSchema source, TargetSchema target) {
        return dev.syncengine.core.mapping.DefaultMappingCompiler.ofDefaults()
            .directions(spec, source, target);
      }
    };
  }

  final URI base;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<String> seenBodies = new ArrayList<>();
  volatile boolean readinessOk = true;

  Fixture() throws Exception {
    this(b -> {});
  }

  Fixture(java.util.function.Consumer<AdminSecurity.Builder> security) throws Exception {
    Stores mem = InMemoryStores.create(clock);
    this.jobs = new SwitchableJobStore(mem.jobs());
    this.stores =
        new Stores(
            jobs,
            mem.connections(),
            mem.idMap(),
            mem.cursors(),
            mem.eventLog(),
            mem.targetChanges());
    ConnectionConfig c =
        ConnectionConfig.builder(CONNECTION)
            .name("Products")
            .source(new ResourceRef("fake", "sol1", "tbl1"))
            .target(new ResourceRef("fake", "site1", "col1"))
            .retry(new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(50), 1))
            .credentials(
                Credentials.of(
                    Map.of(
                        Credentials.SIGNING_SECRETS,
                        SIGNING_SECRET,
                        Credentials.WEBHOOK_TOKEN,
                        WEBHOOK_TOKEN,
                        API_KEY,
                        GOOD_KEY,
                        SINK_TOKEN,
                        GOOD_SINK_TOKEN)))
            .build();
    stores.connections().save(c);
    stores.connections().saveMapping(CONNECTION, JSON.createObjectNode().put("name", "title"));
    this.engine =
        SyncEngine.builder()
            .stores(stores)
            .source(source)
            .sink(sink)
            .mappingCompiler(withRealDirections(COMPILER))
            .clock(clock)
            .configCacheTtl(Duration.ZERO)
            .workers(
                new WorkerSettings(
                    1, 50, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(2)))
            .build();
    AdminSecurity.Builder sec =
        AdminSecurity.builder()
            // Few iterations keep the suite fast; production hashes use 210,000.
            .passwordHash(Pbkdf2.hash(PASSWORD.toCharArray(), 1000))
            .secureCookie(false)
            .sessionIdleTimeout(Duration.ofMinutes(30))
            .triggerSecret(TRIGGER_SECRET)
            .maxBodyBytes(16 * 1024);
    security.accept(sec);
    this.servlets =
        SyncServlets.builder(engine)
            .basePath(BASE)
            .security(sec.build())
            .clock(sessionClock)
            .readinessCheck(
                "migrations",
                () -> {
                  if (!readinessOk) {
                    throw new IllegalStateException("pending migration V7");
                  }
                })
            .build();
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletContainerInitializer init = (classes, ctx) -> servlets.register(ctx);
    context.addServletContainerInitializer(init);
    server.setHandler(context);
    server.start();
    this.base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + BASE);
  }

  int port() {
    return base.getPort();
  }

  @Override
  public void close() throws Exception {
    engine.close();
    server.stop();
  }

  // ---- HTTP

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    synchronized (seenBodies) {
      seenBodies.add(r.body());
    }
    return r;
  }

  HttpResponse<String> sendBytes(String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  // ---- webhooks

  static ObjectNode event(String id, String record, long version, String title) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", id);
    e.put("record", record);
    e.put("kind", "UPSERT");
    e.put("version", version);
    e.putObject("data").put("title", title).put("price", 10);
    return e;
  }

  static byte[] delivery(ObjectNode... events) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode arr = body.putArray("events");
    for (ObjectNode e : events) {
      arr.add(e);
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Standard Webhooks headers for a body, signed now with the connection's secret. */
  String[] signedHeaders(byte[] body) {
    String id = "msg_" + UUID.randomUUID();
    long ts = clock.instant().getEpochSecond();
    StandardWebhooks sw =
        new StandardWebhooks(List.of(SIGNING_SECRET), Duration.ofMinutes(5), clock);
    return new String[] {
      "Content-Type",
      "application/json",
      "webhook-id",
      id,
      "webhook-timestamp",
      String.valueOf(ts),
      "webhook-signature",
      sw.sign(id, ts, body)
    };
  }

  HttpResponse<String> deliver(byte[] body) throws IOException, InterruptedException {
    return sendBytes("/hooks/" + CONNECTION + "/" + WEBHOOK_TOKEN, body, signedHeaders(body));
  }

  long storedJobs() {
    return stores.jobs().counts(null).values().stream().mapToLong(Long::longValue).sum();
  }

  // ---- admin

  /** A signed-in admin: the session cookie and the CSRF token. */
  record Admin(String cookie, String csrf) {}

  Admin login() throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            "POST",
            "/admin/api/session",
            JSON.createObjectNode().put("password", PASSWORD).toString(),
            "Content-Type",
            "application/json");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    return new Admin(cookie, json(r).get("csrfToken").asText());
  }

  HttpResponse<String> admin(Admin a, String method, String path, Object body)
      throws IOException, InterruptedException {
    List<String> h = new ArrayList<>(List.of("Cookie", a.cookie(), "X-CSRF-Token", a.csrf()));
    if (body != null) {
      h.add("Content-Type");
      h.add("application/json");
    }
    return send(
        method,
        "/admin/api" + path,
        body == null ? null : body.toString(),
        h.toArray(String[]::new));
  }
}
