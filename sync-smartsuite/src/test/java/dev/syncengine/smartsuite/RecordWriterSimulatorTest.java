package dev.syncengine.smartsuite;

import static dev.syncengine.smartsuite.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.RecordWriter.Written;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.testing.TestClock;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SimRequest;
import dev.syncengine.testing.smartsuite.SimWrite;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator.LostAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The session's {@link RecordWriter} against the simulator over real HTTP. */
class RecordWriterSimulatorTest {
  private static final String TABLE = "tblwrites";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void updateWritesNormalisedValuesInSmartSuiteShapesAndReturnsTheNewLastUpdated() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-update").start()) {
      table(sim);
      String webhook = webhook(sim);
      String id =
          sim.createRecord(TABLE, json("{\"title\":\"Mug\",\"s_price\":\"9.50\"}"))
              .path("id")
              .asText();
      RecordWriter writer = writer(sim);
      sim.clearRequests();

      Map<String, JsonNode> values = new LinkedHashMap<>();
      values.put("title", TextNode.valueOf("Big mug"));
      values.put("Price", TextNode.valueOf("12.5"));
      values.put("s_colour", TextNode.valueOf("blue"));
      values.put("s_live", BooleanNode.TRUE);
      values.put("s_email", TextNode.valueOf("shop@example.com"));
      values.put("s_when", TextNode.valueOf("2025-04-01T00:00:00Z"));
      Written w = writer.update(id, values);

      ObjectNode stored = sim.record(TABLE, id).orElseThrow();
      assertThat(stored.path("title").asText()).isEqualTo("Big mug");
      assertThat(stored.path("s_price").asText()).isEqualTo("12.5"); // numbers as text
      assertThat(stored.path("s_colour").asText()).isEqualTo("c2"); // the choice id, not the label
      assertThat(stored.path("s_live").asBoolean()).isTrue();
      assertThat(stored.path("s_email").get(0).asText()).isEqualTo("shop@example.com");
      assertThat(stored.path("s_when").path("include_time").asBoolean()).isFalse();
      assertThat(w.recordId()).isEqualTo(id);
      assertThat(w.created()).isFalse();
      assertThat(w.lastUpdated())
          .isEqualTo(Instant.parse(stored.path("last_updated").path("on").asText()));
      assertThat(sim.requests())
          .extracting(SimRequest::method, SimRequest::path)
          .contains(
              org.assertj.core.groups.Tuple.tuple(
                  "PATCH", "/api/v1/applications/" + TABLE + "/records/" + id + "/"));
      // SmartSuite records the change as any other: our write shows up as RECORD_UPDATED
      assertThat(sim.eventCount(webhook)).isEqualTo(2);

      Written cleared = writer.update(id, Map.of("s_live", NullNode.getInstance()));
      assertThat(sim.record(TABLE, id).orElseThrow().has("s_live")).isFalse();
      assertThat(cleared.lastUpdated()).isAfter(w.lastUpdated());
    }
  }

  @Test
  void valuesSmartSuiteCannotTakeFailPermanentlyNamingTheFieldAndWriteNothing() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-refuse").start()) {
      table(sim);
      String id = sim.createRecord(TABLE, json("{\"title\":\"Mug\"}")).path("id").asText();
      RecordWriter writer = writer(sim);
      sim.clearRequests();

      assertPermanent(
          () -> writer.update(id, Map.of("s_colour", TextNode.valueOf("Green"))),
          "s_colour",
          "no choice 'Green'");
      assertPermanent(
          () -> writer.update(id, Map.of("s_price", TextNode.valueOf("n/a"))),
          "s_price",
          "takes a number");
      assertPermanent(
          () -> writer.update(id, Map.of("s_auto", TextNode.valueOf("7"))),
          "s_auto",
          "cannot be set via API");
      assertPermanent(
          () -> writer.update(id, Map.of("Nope", TextNode.valueOf("x"))), "Nope", "not a field");
      assertThat(sim.requests())
          .allMatch(r -> r.method().equals("GET")); // only the schema was read
      assertThatThrownBy(
              () -> writer.update("nosuchrecord", Map.of("title", TextNode.valueOf("x"))))
          .isInstanceOf(SmartSuiteApiException.class)
          .matches(e -> ((SmartSuiteApiException) e).isNotFound());
    }
  }

  @Test
  void bulkUpdateOf60RecordsTakesThreeCallsAndStaysWithinTheRateSharedWithReads() throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().apiKey("w-bulk").clock(clock).start()) {
      table(sim);
      Map<String, Map<String, JsonNode>> updates = new LinkedHashMap<>();
      for (int i = 0; i < 60; i++) {
        String id = sim.createRecord(TABLE, json("{\"title\":\"P" + i + "\"}")).path("id").asText();
        updates.put(id, Map.of("s_price", TextNode.valueOf(i + ".25")));
      }
      SmartSuiteSource source = source(sim, c -> c.ticker(ticker));
      SourceSession session = source.open(connection(sim));
      RecordWriter writer = session.writer().orElseThrow();
      session.schema();
      sim.clearRequests();

      // reads of another session on the same key run at the same time: one budget for both
      CompletableFuture<Void> reads =
          CompletableFuture.runAsync(
              () -> {
                SourceSession reader = source(sim, c -> c.ticker(ticker)).open(connection(sim));
                for (int i = 0; i < 12; i++) {
                  reader.list(null, 10, null);
                }
              });
      List<Written> written = writer.updateAll(updates);
      reads.get();

      assertThat(written).extracting(Written::recordId).containsExactlyElementsOf(updates.keySet());
      for (Written w : written) {
        ObjectNode r = sim.record(TABLE, w.recordId()).orElseThrow();
        assertThat(r.path("s_price").asText())
            .isEqualTo(updates.get(w.recordId()).get("s_price").asText());
        assertThat(w.lastUpdated())
            .isEqualTo(Instant.parse(r.path("last_updated").path("on").asText()));
      }
      assertThat(sim.requests().stream().filter(r -> r.method().equals("PATCH")).count())
          .isEqualTo(3);
      assertThat(sim.rateLimitedCount()).isZero();
      assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void a429HoldsTheKeyBackForThePenaltyAndTheRetriedWritesAllLand() {
    // SmartSuite allows this key 2 requests a second (another integration spends the rest), our
    // client believes 5: the third write in a second gets 429 and the 2-second penalty.
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    Duration penalty = Duration.ofSeconds(2);
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder()
            .apiKey("w-429")
            .clock(clock)
            .requestsPerSecond(2)
            .penalty(penalty)
            .start()) {
      table(sim);
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(sim.createRecord(TABLE, json("{\"title\":\"P" + i + "\"}")).path("id").asText());
      }
      SourceSession session =
          source(sim, c -> c.ticker(ticker).penalty(penalty)).open(connection(sim));
      RecordWriter writer = session.writer().orElseThrow();
      int rateLimited = 0;
      for (String id : ids) {
        while (true) { // the engine's retry of a retryable failure, here without its delay
          try {
            writer.update(id, Map.of("s_price", TextNode.valueOf("1.00")));
            break;
          } catch (SmartSuiteRateLimitedException e) {
            assertThat(e.error().retryable()).isTrue();
            assertThat(e.error().retryAfter()).isEqualTo(penalty);
            rateLimited++;
          }
        }
      }

      assertThat(ids)
          .allMatch(
              id -> sim.record(TABLE, id).orElseThrow().path("s_price").asText().equals("1.00"));
      assertThat(rateLimited).isPositive();
      assertThat(sim.rateLimitedCount()).isEqualTo(rateLimited); // no request was sent in a penalty
      List<SimRequest> requests = sim.requests();
      for (int i = 0; i < requests.size() - 1; i++) {
        if (requests.get(i).status() == 429) {
          assertThat(Duration.between(requests.get(i).at(), requests.get(i + 1).at()))
              .isGreaterThanOrEqualTo(penalty);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LostAnswer.class)
  void aCreateWhoseAnswerIsLostIsFoundByItsMarkerAndNeverMadeTwice(LostAnswer how) {
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().apiKey("w-create-" + how).start()) {
      table(sim);
      SmartSuiteSource source =
          source(sim, c -> c.readTimeout(SmartSuiteSimulator.LOST_ANSWER_DELAY.dividedBy(3)));
      RecordWriter writer = source.open(connection(sim)).writer().orElseThrow();
      sim.loseCreateRecordAnswers(how, 1);

      Written first =
          writer.create(
              "Webflow item",
              "item-1",
              Map.of("title", TextNode.valueOf("Mug"), "s_sku", TextNode.valueOf("M1")));

      List<ObjectNode> records = sim.records(TABLE);
      assertThat(records).hasSize(1);
      assertThat(first.created()).isTrue();
      assertThat(first.recordId()).isEqualTo(records.get(0).path("id").asText());
      assertThat(records.get(0).path("s_wf").asText()).isEqualTo("item-1");
      assertThat(first.lastUpdated())
          .isEqualTo(Instant.parse(records.get(0).path("last_updated").path("on").asText()));

      // the engine retries the job: the marker finds the record, which is updated, not duplicated
      Written again =
          writer.create(
              "s_wf",
              "item-1",
              Map.of("title", TextNode.valueOf("Mug 2"), "s_sku", TextNode.valueOf("M1")));
      assertThat(sim.records(TABLE)).hasSize(1);
      assertThat(again.created()).isFalse();
      assertThat(again.recordId()).isEqualTo(first.recordId());
      assertThat(sim.records(TABLE).get(0).path("title").asText()).isEqualTo("Mug 2");
    }
  }

  @Test
  void aCreateWithoutARequiredFieldFailsPermanentlyAndABadMarkerIsRefusedBeforeAnyCall() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-create-422").start()) {
      table(sim);
      RecordWriter writer = writer(sim);

      assertThatThrownBy(
              () -> writer.create("s_wf", "item-2", Map.of("title", TextNode.valueOf("No SKU"))))
          .isInstanceOf(SmartSuiteApiException.class)
          .hasMessageContaining("422")
          .matches(e -> !((SyncException) e).error().retryable());
      assertPermanent(
          () -> writer.create("s_price", "item-2", Map.of()), "s_price", "must be a text field");
      assertPermanent(() -> writer.create("s_wf", " ", Map.of()), "s_wf", "needs a marker value");
      assertThat(sim.records(TABLE)).isEmpty();
    }
  }

  @Test
  void deleteRemovesTheRecordAndADeleteOfARecordAlreadyGoneSucceeds() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-delete").start()) {
      table(sim);
      String webhook = webhook(sim);
      String id = sim.createRecord(TABLE, json("{\"title\":\"Mug\"}")).path("id").asText();
      String kept = sim.createRecord(TABLE, json("{\"title\":\"Cup\"}")).path("id").asText();
      RecordWriter writer = writer(sim);
      sim.clearRequests();

      writer.delete(id);

      assertThat(sim.record(TABLE, id)).isEmpty();
      assertThat(sim.record(TABLE, kept)).isPresent();
      assertThat(sim.requests())
          .extracting(SimRequest::method, SimRequest::path, SimRequest::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "DELETE", "/api/v1/applications/" + TABLE + "/records/" + id + "/", 200));
      assertThat(sim.eventCount(webhook)).isEqualTo(3); // 2 created, 1 deleted

      writer.delete(id); // a retried delete: 404 counts as deleted
      writer.delete("neverexisted");
      assertThat(sim.requests()).extracting(SimRequest::status).containsExactly(200, 404, 404);
      assertThat(sim.eventCount(webhook)).isEqualTo(3);
      assertThatThrownBy(() -> writer.delete(" "))
          .isInstanceOf(SyncException.class)
          .hasMessageContaining("record id")
          .matches(e -> !((SyncException) e).error().retryable());
      assertThat(sim.requests()).hasSize(3);
    }
  }

  @Test
  void aDeleteIsRetriedAfter5xxAndAnAttemptThatDeletedBeforeItsAnswerWasLostCounts() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-delete-5xx").start()) {
      table(sim);
      String webhook = webhook(sim);
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(sim.createRecord(TABLE, json("{\"title\":\"P" + i + "\"}")).path("id").asText());
      }
      RecordWriter writer =
          source(
                  sim,
                  c ->
                      c.retryDelay(Duration.ofMillis(5))
                          .readTimeout(SmartSuiteSimulator.LOST_ANSWER_DELAY.dividedBy(3)))
              .open(connection(sim))
              .writer()
              .orElseThrow();
      sim.clearRequests();

      sim.writeFaults().fail(503, 2, SimWrite.DELETE);
      writer.delete(ids.get(0));
      assertThat(sim.record(TABLE, ids.get(0))).isEmpty();
      assertThat(sim.requests()).extracting(SimRequest::status).containsExactly(503, 503, 200);

      // the first attempt deletes, its answer is lost; the retry finds the record gone
      for (LostAnswer how : List.of(LostAnswer.SERVER_ERROR, LostAnswer.TIMEOUT)) {
        sim.clearRequests();
        sim.writeFaults().lose(how, 1, SimWrite.DELETE);
        String id = ids.get(how == LostAnswer.SERVER_ERROR ? 1 : 2);
        writer.delete(id);
        assertThat(sim.record(TABLE, id)).isEmpty();
        assertThat(sim.requests())
            .extracting(SimRequest::status)
            .containsExactly(how == LostAnswer.SERVER_ERROR ? 500 : 200, 404);
      }
      assertThat(sim.eventCount(webhook)).isEqualTo(4 + 3); // one RECORD_DELETED per record

      // more 5xx than retries: retryable, nothing deleted; the engine's next try lands
      sim.clearRequests();
      sim.writeFaults().fail(502, 4, SimWrite.DELETE);
      assertThatThrownBy(() -> writer.delete(ids.get(3)))
          .isInstanceOf(SmartSuiteApiException.class)
          .matches(e -> ((SyncException) e).error().retryable());
      assertThat(sim.record(TABLE, ids.get(3))).isPresent();
      assertThat(sim.requests()).hasSize(1 + SmartSuiteClient.DEFAULT_MAX_RETRIES);
      writer.delete(ids.get(3));
      assertThat(sim.records(TABLE)).isEmpty();
    }
  }

  @Test
  void a429DuringADeleteHoldsTheKeyBackForThePenaltyAndTheRetriedDeleteLands() {
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    Duration penalty = Duration.ofSeconds(2);
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().apiKey("w-delete-429").clock(clock).start()) {
      table(sim);
      String id = sim.createRecord(TABLE, json("{\"title\":\"Mug\"}")).path("id").asText();
      SourceSession session =
          source(sim, c -> c.ticker(ticker).penalty(penalty)).open(connection(sim));
      RecordWriter writer = session.writer().orElseThrow();
      sim.writeFaults().fail(429, 1, SimWrite.DELETE);

      assertThatThrownBy(() -> writer.delete(id))
          .isInstanceOf(SmartSuiteRateLimitedException.class)
          .matches(e -> ((SyncException) e).error().retryable())
          .matches(e -> penalty.equals(((SyncException) e).error().retryAfter()));
      assertThat(sim.record(TABLE, id)).isPresent();

      writer.delete(id); // the engine's retry; the key's limiter holds it for the penalty first
      assertThat(sim.record(TABLE, id)).isEmpty();
      List<SimRequest> requests = sim.requests();
      assertThat(requests).extracting(SimRequest::status).containsExactly(429, 200);
      assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
          .isGreaterThanOrEqualTo(penalty);
      assertThat(sim.rateLimitedCount()).isEqualTo(1);
    }
  }

  @Test
  void deletesShareTheKeysFivePerSecondWithConcurrentReads() throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().apiKey("w-delete-rate").clock(clock).start()) {
      table(sim);
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 15; i++) {
        ids.add(sim.createRecord(TABLE, json("{\"title\":\"P" + i + "\"}")).path("id").asText());
      }
      RecordWriter writer =
          source(sim, c -> c.ticker(ticker)).open(connection(sim)).writer().orElseThrow();
      CompletableFuture<Void> reads =
          CompletableFuture.runAsync(
              () -> {
                SourceSession reader = source(sim, c -> c.ticker(ticker)).open(connection(sim));
                for (int i = 0; i < 10; i++) {
                  reader.list(null, 10, null);
                }
              });
      for (String id : ids) {
        writer.delete(id);
      }
      reads.get();

      assertThat(sim.records(TABLE)).isEmpty();
      assertThat(sim.requests().stream().filter(r -> r.method().equals("DELETE")).count())
          .isEqualTo(15);
      assertThat(sim.rateLimitedCount()).isZero();
      assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void injectedFaultsOnUpdatesAreRetriedAndOnACreateAreLookedUpNeverResent() {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-faults").start()) {
      table(sim);
      String a = sim.createRecord(TABLE, json("{\"title\":\"A\"}")).path("id").asText();
      String b = sim.createRecord(TABLE, json("{\"title\":\"B\"}")).path("id").asText();
      RecordWriter writer =
          source(sim, c -> c.retryDelay(Duration.ofMillis(5)))
              .open(connection(sim))
              .writer()
              .orElseThrow();
      writer.update(a, Map.of()); // reads the schema before the faults
      sim.clearRequests();

      sim.writeFaults().fail(500, 1, SimWrite.UPDATE).fail(502, 1, SimWrite.BULK_UPDATE);
      writer.update(a, Map.of("s_price", TextNode.valueOf("2.00")));
      Map<String, Map<String, JsonNode>> both = new LinkedHashMap<>();
      both.put(a, Map.of("s_sku", TextNode.valueOf("A1")));
      both.put(b, Map.of("s_sku", TextNode.valueOf("B1")));
      writer.updateAll(both);
      assertThat(sim.record(TABLE, a).orElseThrow().path("s_price").asText()).isEqualTo("2.00");
      assertThat(sim.record(TABLE, b).orElseThrow().path("s_sku").asText()).isEqualTo("B1");
      assertThat(sim.requests())
          .filteredOn(r -> r.method().equals("PATCH"))
          .extracting(SimRequest::status)
          .containsExactly(500, 200, 502, 200);

      sim.clearRequests();
      sim.writeFaults().fail(503, 1, SimWrite.CREATE);
      Map<String, JsonNode> mug =
          Map.of("title", TextNode.valueOf("Mug"), "s_sku", TextNode.valueOf("M1"));
      assertThatThrownBy(() -> writer.create("s_wf", "item-9", mug))
          .isInstanceOf(SmartSuiteApiException.class)
          .matches(e -> ((SyncException) e).error().retryable());
      assertThat(sim.records(TABLE)).hasSize(2); // the 503 made nothing, the lookup found nothing
      assertThat(sim.requests().stream().filter(r -> r.method().equals("POST")))
          .extracting(SimRequest::path)
          .containsExactly(
              "/api/v1/applications/" + TABLE + "/records/list/",
              "/api/v1/applications/" + TABLE + "/records/",
              "/api/v1/applications/" + TABLE + "/records/list/"); // looked up, never resent
      Written made = writer.create("s_wf", "item-9", mug);
      assertThat(made.created()).isTrue();
      assertThat(sim.records(TABLE)).hasSize(3);
    }
  }

  private static void assertPermanent(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining(message)
        .matches(e -> !((SyncException) e).error().retryable())
        .matches(e -> field.equals(((SyncException) e).error().field()));
  }

  static void table(SmartSuiteSimulator sim) {
    ObjectNode required = NODES.objectNode().put("required", true);
    sim.createTable(
        SimFixture.SOLUTION,
        TABLE,
        "Writes",
        List.of(
            SimField.of("s_price", "Price", "currencyfield"),
            SimField.choices(
                "s_colour", "Colour", "singleselectfield", Map.of("c1", "Red", "c2", "Blue")),
            SimField.of("s_live", "Live", "yesnofield"),
            SimField.of("s_email", "Email", "emailfield"),
            SimField.of("s_when", "When", "datefield"),
            SimField.of("s_auto", "Number", "autonumberfield"),
            SimField.of("s_wf", "Webflow item", "textfield"),
            new SimField("s_sku", "SKU", "textfield", required)));
  }

  static String webhook(SmartSuiteSimulator sim) {
    return sim.registerWebhook(
        json(
            "{\"filter\":{\"applications\":{\"application_ids\":[\""
                + TABLE
                + "\"]}},\"kinds\":[\"RECORD_CREATED\",\"RECORD_UPDATED\",\"RECORD_DELETED\"],"
                + "\"locator\":{\"account_id\":\""
                + sim.accountId()
                + "\",\"solution_id\":\"sol1\"},"
                + "\"notification_status\":{\"disabled\":{}}}"));
  }

  static ConnectionConfig connection(SmartSuiteSimulator sim) {
    return ConnectionConfig.builder("w")
        .source(new ResourceRef("smartsuite", SimFixture.SOLUTION, TABLE))
        .target(new ResourceRef("webflow", "site1", "col1"))
        .ingestionMode(IngestionMode.POLLING)
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, sim.apiKey(),
                    SmartSuiteCredentials.ACCOUNT_ID, sim.accountId())))
        .build();
  }

  static SmartSuiteSource source(
      SmartSuiteSimulator sim, UnaryOperator<SmartSuiteClient.Builder> more) {
    return SmartSuiteSource.builder()
        .client(c -> more.apply(c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl())))
        .build();
  }

  static RecordWriter writer(SmartSuiteSimulator sim) {
    return source(sim, c -> c).open(connection(sim)).writer().orElseThrow();
  }
}
