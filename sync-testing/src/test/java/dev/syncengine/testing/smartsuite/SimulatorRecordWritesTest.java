package dev.syncengine.testing.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.syncengine.testing.TestClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The simulator's record writes follow SmartSuite's developer docs (records/update-record,
 * bulk-update-records, create-record, bulk-add-records, delete-record), whatever our client sends;
 * its write faults ({@link SimWriteFaults}) act as documented.
 */
class SimulatorRecordWritesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Answer(int status, JsonNode body) {}

  @Test
  void patchChangesOnlyTheNamedFieldsAndPutClearsTheOthers() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      String id =
          sim.createRecord("t1", json("{\"title\":\"Mug\",\"s_a\":\"x\",\"s_b\":\"y\"}"))
              .path("id")
              .asText();

      Answer patched =
          call(sim, "PATCH", "applications/t1/records/" + id + "/", "{\"s_a\":\"x2\"}");
      assertThat(patched.status()).isEqualTo(200);
      assertThat(patched.body().path("s_a").asText()).isEqualTo("x2");
      assertThat(sim.record("t1", id).orElseThrow().path("s_b").asText()).isEqualTo("y");

      Answer put =
          call(
              sim,
              "PUT",
              "applications/t1/records/" + id + "/",
              "{\"title\":\"Mug\",\"s_a\":\"x3\"}");
      assertThat(put.status()).isEqualTo(200);
      ObjectNode after = sim.record("t1", id).orElseThrow();
      assertThat(after.path("s_a").asText()).isEqualTo("x3");
      assertThat(after.has("s_b")).isFalse(); // "clears all values that are not specified"
      assertThat(after.path("autonumber").asInt()).isEqualTo(1); // system fields stay

      assertThat(call(sim, "PATCH", "applications/t1/records/nosuch/", "{}").status())
          .isEqualTo(404);
    }
  }

  @Test
  void bulkCallsTakeUpTo25ItemsWithIdsAndChangeNothingWhenOneIsRefused() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      String a = sim.createRecord("t1", json("{\"title\":\"A\"}")).path("id").asText();
      String b = sim.createRecord("t1", json("{\"title\":\"B\"}")).path("id").asText();

      Answer ok =
          call(
              sim,
              "PATCH",
              "applications/t1/records/bulk/",
              "{\"items\":[{\"id\":\""
                  + a
                  + "\",\"s_a\":\"1\"},{\"id\":\""
                  + b
                  + "\",\"s_a\":\"2\"}]}");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body().isArray()).isTrue(); // bulk-update-records' 200 example is an array
      assertThat(ok.body()).extracting(n -> n.path("s_a").asText()).containsExactly("1", "2");

      Answer noId =
          call(
              sim,
              "PATCH",
              "applications/t1/records/bulk/",
              "{\"items\":[{\"id\":\"" + a + "\",\"s_a\":\"9\"},{\"s_a\":\"9\"}]}");
      assertThat(noId.status()).isEqualTo(422);
      assertThat(sim.record("t1", a).orElseThrow().path("s_a").asText()).isEqualTo("1");

      StringBuilder many = new StringBuilder("{\"items\":[");
      for (int i = 0; i < 26; i++) {
        many.append(i == 0 ? "" : ",").append("{\"title\":\"N").append(i).append("\"}");
      }
      assertThat(call(sim, "POST", "applications/t1/records/bulk/", many + "]}").status())
          .isEqualTo(422);
      Answer added =
          call(sim, "POST", "applications/t1/records/bulk/", "{\"items\":[{\"title\":\"C\"}]}");
      assertThat(added.body().get(0).path("id").asText()).isNotEmpty();
      assertThat(sim.records("t1")).hasSize(3);
    }
  }

  @Test
  void aSingleCreateRequiresTheRequiredFieldsAndEveryWriteIsAnEvent() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      String hook =
          sim.registerWebhook(
              json(
                  "{\"filter\":{\"applications\":{\"application_ids\":[\"t1\"]}},"
                      + "\"kinds\":[\"RECORD_CREATED\",\"RECORD_UPDATED\"],\"locator\":{\"account_id\":\"simacct1\",\"solution_id\":\"s1\"},"
                      + "\"notification_status\":{\"disabled\":{}}}"));

      assertThat(call(sim, "POST", "applications/t1/records/", "{\"title\":\"No code\"}").status())
          .isEqualTo(422);
      Answer created =
          call(
              sim,
              "POST",
              "applications/t1/records/",
              "{\"title\":\"Mug\",\"s_req\":\"M1\",\"autonumber\":99}");
      assertThat(created.status()).isEqualTo(200);
      assertThat(created.body().path("autonumber").asInt()).isEqualTo(1); // cannot be set via API
      String id = created.body().path("id").asText();
      call(sim, "PATCH", "applications/t1/records/" + id + "/", "{\"s_a\":\"z\"}");

      assertThat(sim.eventCount(hook)).isEqualTo(2); // RECORD_CREATED, RECORD_UPDATED
      assertThat(sim.requests()).extracting(SimRequest::method).contains("POST", "PATCH");
    }
  }

  @Test
  void deleteRemovesTheRecordAsAUiDeleteDoesAndAnUnknownRecordIs404() throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.start();
    try (SmartSuiteSimulator sim = sim()) {
      String hook =
          sim.registerWebhook(
              json(
                  "{\"filter\":{\"applications\":{\"application_ids\":[\"t1\"]}},"
                      + "\"kinds\":[\"RECORD_CREATED\",\"RECORD_DELETED\"],"
                      + "\"locator\":{\"account_id\":\"simacct1\",\"solution_id\":\"s1\"},"
                      + "\"notification_status\":{\"enabled\":{\"url\":\"http://127.0.0.1:"
                      + receiver.getAddress().getPort()
                      + "/hook\"}}}"));
      String id = sim.createRecord("t1", json("{\"title\":\"Mug\"}")).path("id").asText();
      String other = sim.createRecord("t1", json("{\"title\":\"Cup\"}")).path("id").asText();

      // delete-record: DELETE .../applications/[tableId]/records/[recordId]/, no body
      Answer deleted = call(sim, "DELETE", "applications/t1/records/" + id + "/", "");
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body().path("id").asText()).isEqualTo(id);
      assertThat(deleted.body().path("deleted_date").path("date").asText()).isNotEmpty();
      assertThat(sim.record("t1", id)).isEmpty();
      assertThat(sim.record("t1", other)).isPresent();
      assertThat(call(sim, "GET", "applications/t1/records/" + id + "/", null).status())
          .isEqualTo(404);
      assertThat(eventKinds(sim, hook))
          .containsExactly("RECORD_CREATED", "RECORD_CREATED", "RECORD_DELETED");
      assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(10))).isTrue();
      assertThat(sim.pingsDelivered()).isEqualTo(3); // the delete pinged like the creates

      assertThat(call(sim, "DELETE", "applications/t1/records/" + id + "/", "").status())
          .isEqualTo(404); // gone already
      assertThat(call(sim, "DELETE", "applications/nosuch/records/" + other + "/", "").status())
          .isEqualTo(404);
      assertThat(sim.record("t1", other)).isPresent();
      assertThat(sim.eventCount(hook)).isEqualTo(3);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aDeleteCountsAgainstTheRateGate() throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().requestsPerSecond(1).clock(clock).start()) {
      sim.createTable("s1", "t1", "Things", List.of());
      String a = sim.createRecord("t1", json("{\"title\":\"A\"}")).path("id").asText();
      String b = sim.createRecord("t1", json("{\"title\":\"B\"}")).path("id").asText();

      assertThat(call(sim, "DELETE", "applications/t1/records/" + a + "/", "").status())
          .isEqualTo(200);
      assertThat(call(sim, "DELETE", "applications/t1/records/" + b + "/", "").status())
          .isEqualTo(429); // the second request in the same second
      assertThat(sim.record("t1", b)).isPresent();
      assertThat(sim.rateLimitedCount()).isEqualTo(1);
    }
  }

  @Test
  void anInjectedFailureChangesNothingAndHitsOnlyTheWritesNamed() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      String hook =
          sim.registerWebhook(
              json(
                  "{\"filter\":{\"applications\":{\"application_ids\":[\"t1\"]}},"
                      + "\"kinds\":[\"RECORD_CREATED\",\"RECORD_UPDATED\",\"RECORD_DELETED\"],"
                      + "\"locator\":{\"account_id\":\"simacct1\",\"solution_id\":\"s1\"},"
                      + "\"notification_status\":{\"disabled\":{}}}"));
      String id = sim.createRecord("t1", json("{\"title\":\"Mug\"}")).path("id").asText();
      String one = "applications/t1/records/" + id + "/";
      sim.writeFaults().fail(503, 2, SimWrite.DELETE);

      assertThat(call(sim, "GET", one, null).status()).isEqualTo(200); // reads are never hit
      assertThat(call(sim, "PATCH", one, "{\"s_a\":\"x\"}").status()).isEqualTo(200);
      assertThat(call(sim, "DELETE", one, "").status()).isEqualTo(503);
      assertThat(call(sim, "DELETE", one, "").status()).isEqualTo(503);
      assertThat(sim.record("t1", id)).isPresent();
      assertThat(sim.eventCount(hook)).isEqualTo(2); // created, updated: no delete event

      sim.writeFaults().fail(500, 1); // any write
      String bulk = "{\"items\":[{\"id\":\"" + id + "\",\"s_a\":\"y\"}]}";
      assertThat(call(sim, "PATCH", "applications/t1/records/bulk/", bulk).status()).isEqualTo(500);
      assertThat(sim.record("t1", id).orElseThrow().path("s_a").asText()).isEqualTo("x");
      assertThat(call(sim, "PATCH", "applications/t1/records/bulk/", bulk).status()).isEqualTo(200);

      sim.writeFaults().fail(429, 1, SimWrite.CREATE, SimWrite.BULK_CREATE);
      String create = "{\"title\":\"Cup\",\"s_req\":\"C1\"}";
      assertThat(call(sim, "POST", "applications/t1/records/", create).status()).isEqualTo(429);
      assertThat(sim.rateLimitedCount()).isEqualTo(1);
      assertThat(sim.records("t1")).hasSize(1);
      // no penalty starts: the next request passes at once
      assertThat(call(sim, "POST", "applications/t1/records/", create).status()).isEqualTo(200);

      sim.writeFaults().fail(502, 5, SimWrite.UPDATE);
      sim.writeFaults().clear();
      assertThat(call(sim, "PATCH", one, "{\"s_a\":\"z\"}").status()).isEqualTo(200);
      assertThat(call(sim, "DELETE", one, "").status()).isEqualTo(200);
      assertThat(sim.requests()).extracting(SimRequest::status).contains(503, 500, 429);
    }
  }

  @Test
  void aLostAnswerComesAfterTheWriteWasApplied() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      String a = sim.createRecord("t1", json("{\"title\":\"A\"}")).path("id").asText();
      String b = sim.createRecord("t1", json("{\"title\":\"B\"}")).path("id").asText();
      sim.writeFaults()
          .lose(SmartSuiteSimulator.LostAnswer.SERVER_ERROR, 1, SimWrite.UPDATE)
          .lose(SmartSuiteSimulator.LostAnswer.GARBAGE, 1, SimWrite.DELETE)
          .lose(SmartSuiteSimulator.LostAnswer.CONNECTION_CLOSED, 1, SimWrite.BULK_UPDATE);

      assertThat(call(sim, "PATCH", "applications/t1/records/" + a + "/", "{\"s_a\":\"1\"}"))
          .extracting(Answer::status)
          .isEqualTo(500);
      assertThat(sim.record("t1", a).orElseThrow().path("s_a").asText()).isEqualTo("1");

      HttpResponse<String> garbage = send(sim, "DELETE", "applications/t1/records/" + b + "/", "");
      assertThat(garbage.statusCode()).isEqualTo(200);
      assertThat(garbage.body()).startsWith("<html>");
      assertThat(sim.record("t1", b)).isEmpty();

      String bulk = "{\"items\":[{\"id\":\"" + a + "\",\"s_a\":\"2\"}]}";
      assertThatThrownBy(() -> send(sim, "PATCH", "applications/t1/records/bulk/", bulk))
          .isInstanceOf(IOException.class); // the connection closed without an answer
      assertThat(sim.record("t1", a).orElseThrow().path("s_a").asText()).isEqualTo("2");

      assertThatThrownBy(() -> sim.writeFaults().fail(200, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("status");
      assertThatThrownBy(() -> sim.writeFaults().fail(503, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("times");
    }
  }

  @Test
  void theWriteListenerHearsEveryApiWriteAtItsStampAndNoneOfThePersonsEdits() throws Exception {
    try (SmartSuiteSimulator sim = sim()) {
      record Heard(String table, String id, String a, Instant at) {}
      List<Heard> heard = new CopyOnWriteArrayList<>();
      sim.onWrite(
          (table, r, at) ->
              heard.add(new Heard(table, r.path("id").asText(), r.path("s_a").asText(), at)));
      String a = sim.createRecord("t1", json("{\"title\":\"A\"}")).path("id").asText();
      sim.updateRecord("t1", a, json("{\"s_a\":\"by a person\"}"));
      assertThat(heard).isEmpty(); // not API writes

      call(sim, "PATCH", "applications/t1/records/" + a + "/", "{\"s_a\":\"one\"}");
      call(
          sim,
          "PATCH",
          "applications/t1/records/bulk/",
          "{\"items\":[{\"id\":\"" + a + "\",\"s_a\":\"two\"}]}");
      call(sim, "POST", "applications/t1/records/", "{\"title\":\"B\",\"s_req\":\"B1\"}");
      call(sim, "PATCH", "applications/t1/records/nosuch/", "{\"s_a\":\"x\"}"); // 404: no write

      assertThat(heard).extracting(Heard::a).containsExactly("one", "two", "");
      assertThat(heard).extracting(Heard::table).containsOnly("t1");
      assertThat(heard.get(1).at())
          .isEqualTo(
              Instant.parse(
                  sim.record("t1", a).orElseThrow().path("last_updated").path("on").asText()));
      assertThat(heard.get(0).at()).isBefore(heard.get(1).at());

      sim.onWrite(null);
      call(sim, "PATCH", "applications/t1/records/" + a + "/", "{\"s_a\":\"three\"}");
      assertThat(heard).hasSize(3);
    }
  }

  private static SmartSuiteSimulator sim() {
    SmartSuiteSimulator sim = SmartSuiteSimulator.builder().requestsPerSecond(0).start();
    ObjectNode required = JSON.createObjectNode().put("required", true);
    sim.createTable(
        "s1",
        "t1",
        "Things",
        List.of(
            SimField.of("s_a", "A", "textfield"),
            SimField.of("s_b", "B", "textfield"),
            new SimField("s_req", "Code", "textfield", required)));
    return sim;
  }

  private static Answer call(SmartSuiteSimulator sim, String method, String path, String body)
      throws Exception {
    HttpResponse<String> res = send(sim, method, path, body);
    return new Answer(res.statusCode(), JSON.readTree(res.body()));
  }

  /** {@code body} null: none (as for GET and DELETE). */
  private static HttpResponse<String> send(
      SmartSuiteSimulator sim, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Authorization", "Token " + sim.apiKey())
            .header("ACCOUNT-ID", sim.accountId())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null || body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> eventKinds(SmartSuiteSimulator sim, String webhookId)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(sim.webhooksUrl() + "smartsuite.webhooks.engine.Webhooks/ListEvents"))
            .header("Authorization", "Token " + sim.apiKey())
            .header("ACCOUNT-ID", sim.accountId())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"webhook_id\":\""
                        + webhookId
                        + "\",\"page_size\":\"50\",\"page_token\":\"\"}"))
            .build();
    JsonNode page = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    List<String> kinds = new ArrayList<>();
    page.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
