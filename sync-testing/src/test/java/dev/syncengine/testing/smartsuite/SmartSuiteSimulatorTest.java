package dev.syncengine.testing.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartSuiteSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(SmartSuiteSimulator sim, String url, String body, String key)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Token " + key)
            .header("ACCOUNT-ID", sim.accountId())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answers429BeyondTheLimitAndKeepsRefusingForThePenalty() throws Exception {
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder()
            .requestsPerSecond(3)
            .penalty(Duration.ofMillis(300))
            .start()) {
      sim.createTable("s", "t", "T", List.of());
      String url = sim.baseUrl() + "applications/t/records/list/?limit=10";
      int[] statuses = new int[5];
      for (int i = 0; i < 5; i++) {
        statuses[i] = post(sim, url, "{}", sim.apiKey()).statusCode();
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      assertThat(sim.rateLimitedCount()).isEqualTo(2);

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int status;
      do {
        status = post(sim, url, "{}", sim.apiKey()).statusCode();
      } while (status == 429 && System.nanoTime() < deadline);
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void countsRequestsPerWindowInArrivalOrderEvenWhenAnsweredOutOfOrder() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().start()) {
      java.time.Instant t0 = java.time.Instant.parse("2024-01-01T00:00:00Z");
      // Answered in this order, but the last three arrived before the first.
      for (long ms : new long[] {1000, 0, 100, 200}) {
        sim.log().recordRequest(new SimRequest(t0.plusMillis(ms), "GET", "/x", 200), false);
      }
      assertThat(sim.requests()).extracting(SimRequest::at).isSorted();
      assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isEqualTo(3);
    }
  }

  @Test
  void refusesAWrongKeyAndFiltersSortsAndPagesRecords() throws Exception {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().requestsPerSecond(0).start()) {
      sim.createTable("s", "t", "T", List.of(SimField.of("n", "N", "numberfield")));
      for (int i = 0; i < 10; i++) {
        sim.createRecord(
            "t",
            (ObjectNode) JSON.readTree("{\"title\":\"r" + i + "\",\"n\":\"" + (i % 4) + "\"}"));
      }
      String url = sim.baseUrl() + "applications/t/records/list/?offset=1&limit=2";
      String body =
          "{\"sort\":[{\"field\":\"n\",\"direction\":\"desc\"}],"
              + "\"filter\":{\"operator\":\"and\",\"fields\":[{\"field\":\"n\",\"comparison\":\"is_greater_than\",\"value\":1}]}}";

      assertThat(post(sim, url, body, "wrong").statusCode()).isEqualTo(401);
      var page = JSON.readTree(post(sim, url, body, sim.apiKey()).body());

      assertThat(page.path("total").asInt()).isEqualTo(4); // n = 2,3,2,3
      assertThat(page.path("items").findValuesAsText("title")).containsExactly("r7", "r2");
    }
  }

  @Test
  void logsEventsForWebhooksAndPagesThemWithTokens() throws Exception {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().requestsPerSecond(0).start()) {
      sim.createTable("s", "t", "T", List.of());
      String hooks = sim.webhooksUrl() + "smartsuite.webhooks.engine.Webhooks/";
      var created =
          JSON.readTree(
              post(
                      sim,
                      hooks + "CreateWebhook",
                      "{\"webhook\":{\"filter\":{\"applications\":{\"application_ids\":[\"t\"]}},\"kinds\":[\"RECORD_CREATED\",\"RECORD_DELETED\"]}}",
                      sim.apiKey())
                  .body());
      // create-webhook: "returns the created webhook object with webhook_id, ...": bare
      String id = created.path("webhook_id").asText();
      var r = sim.createRecord("t", (ObjectNode) JSON.readTree("{\"title\":\"a\"}"));
      sim.updateRecord("t", r.path("id").asText(), (ObjectNode) JSON.readTree("{\"title\":\"b\"}"));
      sim.deleteRecord("t", r.path("id").asText());

      var first =
          JSON.readTree(
              post(
                      sim,
                      hooks + "ListEvents",
                      "{\"webhook_id\":\"" + id + "\",\"page_size\":1}",
                      sim.apiKey())
                  .body());
      var second =
          JSON.readTree(
              post(
                      sim,
                      hooks + "ListEvents",
                      JSON.writeValueAsString(
                          Map.of(
                              "webhook_id",
                              id,
                              "page_size",
                              10,
                              "page_token",
                              first.path("next_page_token").asText())),
                      sim.apiKey())
                  .body());

      assertThat(sim.eventCount(id)).isEqualTo(2); // updates are not among the kinds
      assertThat(first.path("events").findValuesAsText("kind")).containsExactly("RECORD_CREATED");
      assertThat(second.path("events").findValuesAsText("kind")).containsExactly("RECORD_DELETED");
    }
  }
}
