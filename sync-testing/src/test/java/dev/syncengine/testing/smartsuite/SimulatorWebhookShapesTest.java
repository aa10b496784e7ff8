package dev.syncengine.testing.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's webhooks service answers as SmartSuite's documentation says, not as we wish. */
class SimulatorWebhookShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITION =
      "{\"filter\":{\"applications\":{\"application_ids\":[\"t\"]}},"
          + "\"kinds\":[\"RECORD_CREATED\"],"
          + "\"locator\":{\"account_id\":\"simacct1\",\"solution_id\":\"s\"},"
          + "\"notification_status\":{\"enabled\":{\"url\":\"http://127.0.0.1:9/hooks/c1/tok\"}}}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private SmartSuiteSimulator sim;
  private String hooks;

  @BeforeEach
  void start() {
    sim = SmartSuiteSimulator.builder().requestsPerSecond(0).start();
    sim.createTable("s", "t", "T", List.of());
    hooks = sim.webhooksUrl() + "smartsuite.webhooks.engine.Webhooks/";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> call(String method, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(hooks + method))
            .header("Authorization", "Token " + sim.apiKey())
            .header("ACCOUNT-ID", sim.accountId())
            .timeout(Duration.ofMillis(1500))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * create-webhook: "returns the created webhook object with webhook_id, locator, filter, kinds,
   * created_at, updated_at, notification_status, and system_status" — bare, not wrapped.
   */
  @Test
  void createWebhookAnswersTheBareWebhookObjectWithEveryDocumentedMember() throws Exception {
    JsonNode created =
        JSON.readTree(call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}").body());

    assertThat(created.has("webhook")).isFalse();
    assertThat(created.path("webhook_id").asText()).isNotEmpty();
    assertThat(created.fieldNames())
        .toIterable()
        .contains(
            "webhook_id",
            "locator",
            "filter",
            "kinds",
            "created_at",
            "updated_at",
            "notification_status",
            "system_status");
    assertThat(created.path("created_at").path("at").asText()).isNotEmpty();
    assertThat(sim.webhookIds()).containsExactly(created.path("webhook_id").asText());
  }

  /** create-webhook's Request Body table lists the params at the top level: accepted too. */
  @Test
  void createWebhookAcceptsTheParamsAtTheTopLevelAsTheTableListsThem() throws Exception {
    HttpResponse<String> res = call("CreateWebhook", DEFINITION);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(sim.webhookIds()).hasSize(1);
    assertThat(sim.webhookJson(sim.webhookIds().get(0)).path("notification_status").toString())
        .contains("/hooks/c1/tok");
  }

  /** get-webhook's Response table lists webhook_id, locator, ... at the top: bare. */
  @Test
  void getAndUpdateAnswerTheBareWebhook() throws Exception {
    String id =
        JSON.readTree(call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}").body())
            .path("webhook_id")
            .asText();

    JsonNode got = JSON.readTree(call("GetWebhooks", "{\"webhook_id\":\"" + id + "\"}").body());
    assertThat(got.path("webhook_id").asText()).isEqualTo(id);

    JsonNode updated =
        JSON.readTree(
            call(
                    "UpdateWebhook",
                    "{\"webhook\":{\"webhook_id\":\""
                        + id
                        + "\",\"notification_status\":{\"disabled\":{}}}}")
                .body());
    assertThat(updated.path("webhook_id").asText()).isEqualTo(id);
    assertThat(updated.path("notification_status").has("disabled")).isTrue();
  }

  @Test
  void registerWebhookStillReturnsTheNewId() {
    String id = sim.registerWebhook(SmartSuiteSimulator.JSON.createObjectNode());
    assertThat(sim.webhookIds()).containsExactly(id);
  }

  @Test
  void aLostCreateAnswerStillCreatesTheWebhook() throws Exception {
    sim.loseCreateWebhookAnswers(SmartSuiteSimulator.LostAnswer.SERVER_ERROR, 1);
    assertThat(call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}").statusCode())
        .isEqualTo(500);
    assertThat(sim.webhookIds()).hasSize(1);

    sim.loseCreateWebhookAnswers(SmartSuiteSimulator.LostAnswer.GARBAGE, 1);
    HttpResponse<String> garbage = call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}");
    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> JSON.readTree(garbage.body())).isInstanceOf(IOException.class);
    assertThat(sim.webhookIds()).hasSize(2);

    sim.loseCreateWebhookAnswers(SmartSuiteSimulator.LostAnswer.CONNECTION_CLOSED, 1);
    assertThatThrownBy(() -> call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}"))
        .isInstanceOf(IOException.class);
    assertThat(sim.webhookIds()).hasSize(3);

    sim.loseCreateWebhookAnswers(SmartSuiteSimulator.LostAnswer.TIMEOUT, 1);
    assertThatThrownBy(() -> call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}"))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(sim.webhookIds()).hasSize(4);

    // only as many answers are lost as asked for
    assertThat(call("CreateWebhook", "{\"webhook\":" + DEFINITION + "}").statusCode())
        .isEqualTo(200);
    assertThat(sim.webhookIds()).hasSize(5);
  }
}
