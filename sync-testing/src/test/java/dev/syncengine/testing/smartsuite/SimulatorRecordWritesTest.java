package dev.syncengine.testing.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The simulator's record writes follow SmartSuite's developer docs (records/update-record,
 * bulk-update-records, create-record, bulk-add-records), whatever our client sends.
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
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Authorization", "Token " + sim.apiKey())
            .header("ACCOUNT-ID", sim.accountId())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> res = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(res.statusCode(), JSON.readTree(res.body()));
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
