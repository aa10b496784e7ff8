package dev.syncengine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.WebflowCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole starter against PostgreSQL: a signed webhook over HTTP ends as a Webflow item. */
@SpringBootTest(
    classes = StarterEndToEndTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterEndToEndTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("starter-test-secret-32-bytes!!!!".getBytes());
  static final WebflowSimulator webflow =
      WebflowSimulator.builder().tokens("wf-token").rateLimit(600, Duration.ofSeconds(1)).start();
  static final SmartSuiteSimulator smartsuite =
      SmartSuiteSimulator.builder().apiKey("ss-key").accountId("acc1").start();

  @SpringBootApplication
  static class App {
    @org.springframework.context.annotation.Bean
    io.micrometer.core.instrument.MeterRegistry meterRegistry() {
      return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", db::jdbcUrl);
    r.add("sync.encryption.keys.k1", SecretBox::generateKey);
    r.add(
        "sync.admin.password-hash",
        () -> dev.syncengine.servlet.AdminSecurity.hashPassword("pw".toCharArray()));
    r.add("sync.webflow.base-url", webflow::baseUrl);
    r.add("sync.smartsuite.base-url", smartsuite::baseUrl);
    r.add("sync.smartsuite.webhooks-url", smartsuite::webhooksUrl);
    r.add("sync.worker.poll-interval", () -> "200ms");
    r.add("sync.worker.linger", () -> "150ms");
    r.add("sync.retry.initial-delay", () -> "3s");
    r.add("sync.retry.max-attempts", () -> "4");
  }

  @AfterAll
  static void stop() {
    webflow.close();
    smartsuite.close();
  }

  @LocalServerPort int port;
  @Autowired SyncEngine engine;
  @Autowired JdbcStores jdbc;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void aSignedWebhookOverHttpBecomesAWebflowItem() throws Exception {
    smartsuite.createTable(
        "sol1",
        "tbl1",
        "Products",
        List.of(dev.syncengine.testing.smartsuite.SimField.of("s1price", "Price", "numberfield")));
    ObjectNode values = new ObjectMapper().createObjectNode();
    values.put("title", "Blue Mug");
    values.put("s1price", "12.50");
    ObjectNode record = smartsuite.createRecord("tbl1", values);

    String site = webflow.createSite("Shop");
    String collection =
        webflow.createCollection(
            site,
            "Products",
            List.of(
                SimField.required("name", "PlainText"),
                SimField.required("slug", "PlainText"),
                SimField.optional("price", "Number")));
    ConnectionConfig c =
        ConnectionConfig.builder("products")
            .source(new ResourceRef("smartsuite", "sol1", "tbl1"))
            .target(new ResourceRef("webflow", site, collection))
            .ingestionMode(IngestionMode.SIGNED_PUSH)
            .credentials(
                Credentials.of(
                    Map.of(
                        SmartSuiteCredentials.API_KEY, "ss-key",
                        SmartSuiteCredentials.ACCOUNT_ID, "acc1",
                        WebflowCredentials.TOKEN, "wf-token",
                        Credentials.SIGNING_SECRETS, SECRET)))
            .build();
    engine.admin().create(c);
    engine
        .admin()
        .saveMapping(
            "products",
            new ObjectMapper().readTree("{\"fields\":{\"name\":\"title\",\"price\":\"Price\"}}"));

    ObjectNode push = new ObjectMapper().createObjectNode();
    push.put("event_type", "record_created");
    push.put("record_id", record.get("id").asText());
    push.set("data", record);
    byte[] body = push.toString().getBytes(StandardCharsets.UTF_8);
    long ts = Clock.systemUTC().instant().getEpochSecond();
    String signature =
        new StandardWebhooks(List.of(SECRET), Duration.ofMinutes(5), Clock.systemUTC())
            .sign("msg_1", ts, body);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/sync/hooks/products"))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", "msg_1")
                    .header("webhook-timestamp", String.valueOf(ts))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

    // Done means recorded: the item exists in Webflow and the engine has mapped it.
    Await.until(
        Duration.ofSeconds(20),
        () -> "the record's item mapped by the engine",
        () -> engine.inspect().item("products", record.get("id").asText()).isPresent());
    List<SimItem> items = webflow.items(collection);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).fieldData().get("name").asText()).isEqualTo("Blue Mug");
    assertThat(items.get(0).fieldData().get("price").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(jdbc.dialect().name()).isEqualTo("POSTGRESQL");
    assertThat(engine.inspect().item("products", record.get("id").asText())).isPresent();
    assertThat(meters.get("sync.ingested").counter().count()).isEqualTo(1);
    assertThat(meters.get("sync.written").tag("outcome", "created").counter().count()).isEqualTo(1);
    assertThat(meters.get("sync.webflow.calls").tag("method", "POST").timer().count()).isPositive();
    assertThat(meters.get("sync.lag").timer().count()).isEqualTo(1);
  }

  @Test
  void workerAndRetryPropertiesReachTheEngineAndNewConnections() throws Exception {
    assertThat(engine.settings().linger()).isEqualTo(Duration.ofMillis(150));

    HttpClient http = HttpClient.newHttpClient();
    String api = "http://localhost:" + port + "/sync/admin/api";
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"pw\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String csrf = new ObjectMapper().readTree(login.body()).get("csrfToken").asText();
    String body =
        "{\"id\":\"defaults\",\"source\":{\"type\":\"smartsuite\",\"parentId\":\"sol1\","
            + "\"id\":\"tbl1\"},\"target\":{\"type\":\"webflow\",\"parentId\":\"s\",\"id\":\"c\"}}";
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/connections"))
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var retry = new ObjectMapper().readTree(created.body()).get("retry");
    assertThat(retry.get("initialDelayMs").asLong()).isEqualTo(3000);
    assertThat(retry.get("maxAttempts").asInt()).isEqualTo(4);
    assertThat(engine.inspect().connection("defaults").orElseThrow().retry().maxAttempts())
        .isEqualTo(4);
  }
}
