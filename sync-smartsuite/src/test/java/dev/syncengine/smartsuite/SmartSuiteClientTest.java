package dev.syncengine.smartsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmartSuiteClientTest {
  private WireMockServer wm;
  private String key;
  private SmartSuiteClient client;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    key = "key-" + UUID.randomUUID(); // a fresh key: its own JVM-wide rate limiter
    client =
        SmartSuiteClient.builder()
            .baseUrl(wm.baseUrl() + "/api/v1")
            .webhooksUrl(wm.baseUrl() + "/hooks")
            .apiKey(key)
            .accountId("wsp12345")
            .requestsPerSecond(50)
            .retryDelay(Duration.ofMillis(10))
            .penalty(Duration.ofSeconds(30))
            .maxRateWait(Duration.ofMillis(200))
            .build();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void listsRecordsWithAuthHeadersPaginationSortAndFilter() {
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/applications/tbl1/records/list/"))
            .willReturn(
                okJson("{\"total\":3,\"offset\":2,\"limit\":2,\"items\":[{\"id\":\"r3\"}]}")));
    var filter = JsonNodeFactory.instance.objectNode().put("operator", "and");
    filter.putArray("fields");

    RecordListPage page =
        client.listRecords(
            "tbl1", RecordQuery.all().sortedBy("first_created", true).withFilter(filter), 2, 2);

    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items()).extracting(r -> r.path("id").asText()).containsExactly("r3");
    assertThat(page.nextOffset()).isEqualTo(-1);
    wm.verify(
        postRequestedFor(urlEqualTo("/api/v1/applications/tbl1/records/list/?offset=2&limit=2"))
            .withHeader("Authorization", equalTo("Token " + key))
            .withHeader("ACCOUNT-ID", equalTo("wsp12345"))
            .withRequestBody(
                equalToJson(
                    "{\"sort\":[{\"field\":\"first_created\",\"direction\":\"asc\"}],"
                        + "\"filter\":{\"operator\":\"and\",\"fields\":[]},\"hydrated\":false}")));
  }

  @Test
  void callsTheWebhooksServiceAndReadsEventPages() {
    wm.stubFor(
        post(urlEqualTo("/hooks/smartsuite.webhooks.engine.Webhooks/ListEvents"))
            .willReturn(okJson("{\"events\":[{\"event_id\":\"e1\"}],\"next_page_token\":\"p2\"}")));

    EventPage page = client.listEvents("wh1", 50, "p1");

    assertThat(page.events()).extracting(e -> e.path("event_id").asText()).containsExactly("e1");
    assertThat(page.nextPageToken()).isEqualTo("p2");
    wm.verify(
        postRequestedFor(urlEqualTo("/hooks/smartsuite.webhooks.engine.Webhooks/ListEvents"))
            .withHeader("Authorization", equalTo("Token " + key))
            .withRequestBody(
                equalToJson(
                    "{\"webhook_id\":\"wh1\",\"page_size\":\"50\",\"page_token\":\"p1\"}")));
  }

  @Test
  void listsASolutionsWebhooksAcrossPagesAndFetchesOneByItsDocumentedMethod() {
    String path = "/hooks/smartsuite.webhooks.engine.Webhooks/";
    wm.stubFor(
        post(urlEqualTo(path + "ListWebhooks"))
            .withRequestBody(matchingJsonPath("$.page_token", equalTo("")))
            .willReturn(
                okJson("{\"webhooks\":[{\"webhook_id\":\"w1\"}],\"next_page_token\":\"t2\"}")));
    wm.stubFor(
        post(urlEqualTo(path + "ListWebhooks"))
            .withRequestBody(matchingJsonPath("$.page_token", equalTo("t2")))
            .willReturn(okJson("{\"webhooks\":[{\"webhook_id\":\"w2\"}]}")));
    wm.stubFor(
        post(urlEqualTo(path + "GetWebhooks"))
            .willReturn(okJson("{\"webhook_id\":\"w1\",\"kinds\":[\"RECORD_CREATED\"]}")));

    assertThat(client.listWebhooks("sol1"))
        .extracting(w -> w.path("webhook_id").asText())
        .containsExactly("w1", "w2");
    assertThat(client.getWebhook("w1").path("kinds").get(0).asText()).isEqualTo("RECORD_CREATED");
    wm.verify(
        postRequestedFor(urlEqualTo(path + "ListWebhooks"))
            .withRequestBody(
                equalToJson(
                    "{\"solution_id\":\"sol1\",\"page_size\":\"50\",\"page_token\":\"\"}")));
    wm.verify(
        postRequestedFor(urlEqualTo(path + "GetWebhooks"))
            .withRequestBody(equalToJson("{\"webhook_id\":\"w1\"}")));
  }

  @Test
  void aMethodTheWebhooksServiceDoesNotHaveIsNotAMissingWebhook() {
    wm.stubFor(
        post(urlEqualTo("/hooks/smartsuite.webhooks.engine.Webhooks/GetWebhooks"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"code\":\"bad_route\",\"msg\":\"no handler\"}")));

    assertThatThrownBy(() -> client.getWebhook("w1"))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.isNotFound()).isFalse();
              assertThat(e.error().code()).isEqualTo(SmartSuiteApiException.BAD_ROUTE);
              assertThat(e.error().retryable()).isFalse();
            });
  }

  @Test
  void refusedCredentialsAreExplainedInWordsAUserCanActOn() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/applications/tbl1/"))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"message\":\"invalid credentials\"}")));

    assertThatThrownBy(() -> client.getTable("tbl1"))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo("smartsuite_unauthorized");
              assertThat(e.getMessage())
                  .startsWith("SmartSuite refused the credentials (HTTP 401): check the API key")
                  .doesNotContain(key);
              assertThat(e.error().retryable()).isFalse();
            });
  }

  @Test
  void retriesIdempotentCallsAfterServerErrors() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/applications/tbl1/"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    wm.stubFor(
        get(urlEqualTo("/api/v1/applications/tbl1/"))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"id\":\"tbl1\",\"structure\":[]}")));

    assertThat(client.getTable("tbl1").path("id").asText()).isEqualTo("tbl1");
    wm.verify(2, getRequestedFor(urlEqualTo("/api/v1/applications/tbl1/")));
  }

  @Test
  void doesNotRetryCreatingAWebhook() {
    wm.stubFor(
        post(urlEqualTo("/hooks/smartsuite.webhooks.engine.Webhooks/CreateWebhook"))
            .willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> client.createWebhook(JsonNodeFactory.instance.objectNode()))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.error().retryable()).isTrue();
            });
    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/hooks/smartsuite.webhooks.engine.Webhooks/CreateWebhook")));
  }

  @Test
  void stopsSendingForThePenaltyAfterA429() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/applications/tbl1/")).willReturn(aResponse().withStatus(429)));

    assertThatThrownBy(() -> client.getTable("tbl1"))
        .isInstanceOfSatisfying(
            SmartSuiteRateLimitedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            });
    // Inside the penalty nothing goes out, and the caller learns how long to wait.
    assertThatThrownBy(() -> client.getTable("tbl1"))
        .isInstanceOfSatisfying(
            SmartSuiteRateLimitedException.class,
            e -> assertThat(e.retryAfter()).isGreaterThan(Duration.ofSeconds(29)));
    wm.verify(1, getRequestedFor(urlEqualTo("/api/v1/applications/tbl1/")));
  }

  @Test
  void neverPutsTheApiKeyInExceptionMessages() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/applications/tbl1/records/r1/"))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"detail\":\"bad token " + key + "\"}")));

    assertThatThrownBy(() -> client.getRecord("tbl1", "r1", false))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.error().retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain(key).contains("401");
            });
    assertThat(client.toString()).doesNotContain(key);
  }

  @Test
  void reportsNotFoundAndReadsSharedFileUrls() {
    wm.stubFor(
        get(urlEqualTo("/api/v1/shared-files/h1/url/"))
            .willReturn(
                okJson(
                    "{\"url\":\"https://cdn.example.com/h1\",\"expires_at\":\"2030-01-01T00:00:00Z\"}")));
    wm.stubFor(
        get(urlEqualTo("/api/v1/shared-files/gone/url/")).willReturn(aResponse().withStatus(404)));

    SharedFileUrl url = client.sharedFileUrl("h1");
    assertThat(url.url()).isEqualTo("https://cdn.example.com/h1");
    assertThat(url.expiresAt()).hasToString("2030-01-01T00:00:00Z");
    assertThatThrownBy(() -> client.sharedFileUrl("gone"))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    wm.verify(1, getRequestedFor(urlEqualTo("/api/v1/shared-files/gone/url/")));
  }
}
