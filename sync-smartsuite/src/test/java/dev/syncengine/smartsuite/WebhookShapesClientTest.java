package dev.syncengine.smartsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks service's answers and requests as SmartSuite's documentation shows them (issue #20
 * point 1). Which shape is documented and which is only tolerated is said in each test.
 */
class WebhookShapesClientTest {
  private static final String PATH = "/hooks/smartsuite.webhooks.engine.Webhooks/";
  private static final String BARE =
      "{\"webhook_id\":\"wh1\",\"locator\":{\"account_id\":\"wsp12345\",\"solution_id\":\"sol1\"},"
          + "\"filter\":{\"applications\":{\"application_ids\":[\"tbl1\"]}},"
          + "\"kinds\":[\"RECORD_CREATED\"],"
          + "\"created_at\":{\"by\":\"m1\",\"at\":\"2026-01-01T00:00:00Z\"},"
          + "\"updated_at\":{\"by\":\"m1\",\"at\":\"2026-01-01T00:00:00Z\"},"
          + "\"notification_status\":{\"enabled\":{\"url\":\"https://us.example/hooks/c1/t\"}},"
          + "\"system_status\":{\"enabled\":{\"expires_at\":\"2026-01-08T00:00:00Z\"}}}";

  private WireMockServer wm;
  private SmartSuiteClient client;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    client =
        SmartSuiteClient.builder()
            .baseUrl(wm.baseUrl() + "/api/v1")
            .webhooksUrl(wm.baseUrl() + "/hooks")
            .apiKey("key-" + UUID.randomUUID())
            .accountId("wsp12345")
            .requestsPerSecond(50)
            .retryDelay(Duration.ofMillis(10))
            .build();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static ObjectNode definition() {
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    w.putObject("filter").putObject("applications").putArray("application_ids").add("tbl1");
    w.putArray("kinds").add("RECORD_CREATED");
    w.putObject("locator").put("account_id", "wsp12345").put("solution_id", "sol1");
    w.putObject("notification_status")
        .putObject("enabled")
        .put("url", "https://us.example/hooks/c1/t");
    return w;
  }

  /**
   * DOCUMENTED: create-webhook, "returns the created webhook object with webhook_id, locator,
   * filter, kinds, created_at, updated_at, notification_status, and system_status": bare.
   */
  @Test
  void createWebhookReadsTheBareWebhookObjectTheDocsDescribe() {
    wm.stubFor(post(urlEqualTo(PATH + "CreateWebhook")).willReturn(okJson(BARE)));

    ObjectNode created = client.createWebhook(definition());

    assertThat(created.path("webhook_id").asText()).isEqualTo("wh1");
    assertThat(created.path("system_status").has("enabled")).isTrue();
  }

  /** TOLERATED: the same object wrapped in {@code {"webhook": ...}} (our old assumption). */
  @Test
  void createWebhookAlsoReadsAWrappedAnswer() {
    wm.stubFor(
        post(urlEqualTo(PATH + "CreateWebhook")).willReturn(okJson("{\"webhook\":" + BARE + "}")));

    assertThat(client.createWebhook(definition()).path("webhook_id").asText()).isEqualTo("wh1");
  }

  /**
   * SENT: the definition wrapped in {@code "webhook"}, as update-webhook's example request shows
   * ({@code --data '{"webhook": {"webhook_id": ..., "kinds": ...}}'}) and as the strict
   * implementation accepted (it created the webhook whose answer we then failed to read).
   */
  @Test
  void createWebhookSendsTheDefinitionWrappedInWebhook() {
    wm.stubFor(post(urlEqualTo(PATH + "CreateWebhook")).willReturn(okJson(BARE)));

    client.createWebhook(definition());

    wm.verify(
        postRequestedFor(urlEqualTo(PATH + "CreateWebhook"))
            .withRequestBody(equalToJson("{\"webhook\":" + definition() + "}")));
  }

  /** An answer that carries no webhook at all is a bad answer, not a webhook. */
  @Test
  void createWebhookRefusesAnAnswerWithoutAWebhookId() {
    wm.stubFor(post(urlEqualTo(PATH + "CreateWebhook")).willReturn(okJson("{\"ok\":true}")));

    assertThatThrownBy(() -> client.createWebhook(definition()))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> assertThat(e.error().code()).isEqualTo("smartsuite_bad_response"));
  }

  /** UNDOCUMENTED answer (update-webhook shows none): bare like get-webhook, or wrapped. */
  @Test
  void updateWebhookReadsTheAnswerBareOrWrapped() {
    wm.stubFor(post(urlEqualTo(PATH + "UpdateWebhook")).willReturn(okJson(BARE)));
    ObjectNode update = JsonNodeFactory.instance.objectNode().put("webhook_id", "wh1");
    assertThat(client.updateWebhook(update).path("webhook_id").asText()).isEqualTo("wh1");

    wm.stubFor(
        post(urlEqualTo(PATH + "UpdateWebhook")).willReturn(okJson("{\"webhook\":" + BARE + "}")));
    assertThat(client.updateWebhook(update).path("webhook_id").asText()).isEqualTo("wh1");

    // an empty answer (Twirp's empty message) is not a failure: the update was accepted
    wm.stubFor(post(urlEqualTo(PATH + "UpdateWebhook")).willReturn(okJson("{}")));
    assertThat(client.updateWebhook(update).path("webhook_id").asText()).isEqualTo("wh1");
    wm.verify(
        postRequestedFor(urlEqualTo(PATH + "UpdateWebhook"))
            .withRequestBody(equalToJson("{\"webhook\":{\"webhook_id\":\"wh1\"}}")));
  }

  /** DOCUMENTED: list-events' example sends {@code "page_size": "50"} (a string). */
  @Test
  void listEventsSendsThePageSizeAsTheDocumentedString() {
    wm.stubFor(
        post(urlEqualTo(PATH + "ListEvents"))
            .willReturn(okJson("{\"events\":[],\"next_page_token\":\"\"}")));

    client.listEvents("wh1", 50, null);

    wm.verify(
        postRequestedFor(urlEqualTo(PATH + "ListEvents"))
            .withRequestBody(
                equalToJson("{\"webhook_id\":\"wh1\",\"page_size\":\"50\",\"page_token\":\"\"}")));
  }

  /** UNDOCUMENTED (no list-webhooks answer in the docs we hold): a bare array is read too. */
  @Test
  void listWebhooksAlsoReadsABareArray() {
    wm.stubFor(post(urlEqualTo(PATH + "ListWebhooks")).willReturn(okJson("[" + BARE + "]")));

    assertThat(client.listWebhooks("sol1"))
        .extracting(w -> w.path("webhook_id").asText())
        .containsExactly("wh1");
  }

  /** The notification URL carries the connection's secret token: never in a message. */
  @Test
  void aRefusalEchoingTheNotificationUrlDoesNotLeakItsToken() {
    wm.stubFor(
        post(urlEqualTo(PATH + "CreateWebhook"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"msg\":\"url https://us.example/hooks/c1/s3cr3t-token is unreachable\"}")));

    assertThatThrownBy(() -> client.createWebhook(definition()))
        .isInstanceOfSatisfying(
            SmartSuiteApiException.class,
            e -> assertThat(e.getMessage()).contains("400").doesNotContain("s3cr3t-token"));
  }
}
