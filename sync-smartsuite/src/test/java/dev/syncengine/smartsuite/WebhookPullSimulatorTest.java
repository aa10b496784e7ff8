package dev.syncengine.smartsuite;

import static dev.syncengine.smartsuite.SimFixture.PRODUCTS;
import static dev.syncengine.smartsuite.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter.PullPage;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookPullSimulatorTest {
  private SmartSuiteSimulator sim;
  private HttpServer receiver;
  private final ConcurrentLinkedQueue<ChangeEvent> pulls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile ConnectionConfig connection;
  private SmartSuiteSource source;
  private String token;

  @BeforeEach
  void start() throws Exception {
    sim =
        SmartSuiteSimulator.builder()
            .apiKey("pull-test-key")
            .delivery(new SimWebhookDelivery(2, Duration.ofMillis(40), 7L))
            .start();
    SimFixture.createTables(sim);
    source = SimFixture.source(sim);
    token = UUID.randomUUID().toString();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    receiver.createContext(
        "/hooks/",
        ex -> {
          try (ex) {
            String[] parts = ex.getRequestURI().getPath().split("/");
            IngestRequest req =
                IngestRequest.builder(ex.getRequestBody().readAllBytes())
                    .pathToken(parts[parts.length - 1])
                    .contentType("application/json")
                    .build();
            int status;
            try {
              pulls.addAll(source.open(connection).parse(req));
              status = 200;
            } catch (IngressException e) {
              refused.incrementAndGet();
              status = 401;
            }
            ex.sendResponseHeaders(status, -1);
          }
        });
    receiver.start();
    connection = SimFixture.connection("c1", sim, IngestionMode.NATIVE_WEBHOOK, token);
    Map<String, String> opts = source.open(connection).subscribe(hookUrl(token));
    connection = connection.toBuilder().options(opts).build();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    sim.close();
  }

  private String hookUrl(String t) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/c1/" + t;
  }

  private record Change(ChangeKind kind, String recordId) {}

  @Test
  void duplicatedAndReorderedPingsYieldEveryChangeExactlyOnceAcrossARestart() throws Exception {
    String webhookId = connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID);
    List<Change> expected = makeChanges(500, new Random(42));

    assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(30))).isTrue();
    assertThat(sim.pingsDelivered()).isEqualTo(1000);
    assertThat(refused).hasValue(0);
    assertThat(pulls).hasSize(1000);
    assertThat(pulls).allMatch(e -> e.kind() == ChangeKind.PULL);
    // Every ping names the same pull key, so the queue holds one pending pull however many arrive.
    assertThat(pulls.stream().map(ChangeEvent::recordId).distinct())
        .containsExactly("pull:" + webhookId);
    String pullKey = pulls.peek().recordId();

    // First process: pulls three pages, persisting the cursor after each, then "crashes" after
    // enqueueing a fourth page but before persisting its cursor.
    List<ChangeEvent> received = new ArrayList<>();
    String cursor = null;
    for (int i = 0; i < 3; i++) {
      PullPage p = source.open(connection).pull(pullKey, cursor);
      received.addAll(p.events());
      cursor = p.nextCursor();
      assertThat(p.hasMore()).isTrue();
    }
    received.addAll(source.open(connection).pull(pullKey, cursor).events());

    // Second process: a new adapter (new client, empty caches) resumes from the persisted cursor.
    SmartSuiteSource restarted = SimFixture.source(sim);
    PullPage p;
    do {
      p = restarted.open(connection).pull(pullKey, cursor);
      received.addAll(p.events());
      cursor = p.nextCursor();
    } while (p.hasMore());
    assertThat(restarted.open(connection).pull(pullKey, cursor).events()).isEmpty();

    // The re-read page arrives twice; the idempotency keys make the queue drop the repeats.
    assertThat(received).hasSize(550);
    Map<String, ChangeEvent> byKey = new LinkedHashMap<>();
    for (ChangeEvent e : received) {
      assertThat(e.idempotencyKey()).isNotBlank();
      ChangeEvent first = byKey.putIfAbsent(e.idempotencyKey(), e);
      if (first != null) {
        assertThat(first.recordId()).isEqualTo(e.recordId());
      }
    }
    List<Change> actual =
        byKey.values().stream().map(e -> new Change(e.kind(), e.recordId())).toList();
    assertThat(actual).containsExactlyElementsOf(expected);

    // Upserts carry the record as of that change, versioned by its last_updated.
    for (ChangeEvent e : byKey.values()) {
      if (e.kind() == ChangeKind.UPSERT) {
        assertThat(e.payload().path("id").asText()).isEqualTo(e.recordId());
        assertThat(e.sourceVersion().toString())
            .isEqualTo(
                java.time.Instant.parse(e.payload().path("last_updated").path("on").asText())
                    .toString());
      } else {
        assertThat(e.payload()).isNull();
      }
    }
    // Applying the newest change per record reproduces the table.
    Map<String, ChangeEvent> newest = new LinkedHashMap<>();
    byKey
        .values()
        .forEach(
            e ->
                newest.merge(
                    e.recordId(),
                    e,
                    (a, b) -> b.sourceVersion().isAfter(a.sourceVersion()) ? b : a));
    List<String> live =
        newest.values().stream()
            .filter(e -> e.kind() == ChangeKind.UPSERT)
            .map(ChangeEvent::recordId)
            .sorted()
            .toList();
    assertThat(live)
        .containsExactlyElementsOf(
            sim.records(PRODUCTS).stream().map(r -> r.path("id").asText()).sorted().toList());
    for (String id : live) {
      assertThat(newest.get(id).payload().toString())
          .isEqualTo(sim.record(PRODUCTS, id).orElseThrow().toString());
    }
  }

  @Test
  void refusesPingsWithAWrongTokenOrAnUnknownWebhookWithoutCallingSmartSuite() throws Exception {
    sim.clearRequests();
    String body =
        "{\"webhookId\":\"" + connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID) + "\"}";
    IngestRequest wrongToken =
        IngestRequest.builder(body.getBytes()).pathToken(token + "x").build();
    IngestRequest wrongHook =
        IngestRequest.builder("{\"webhookId\":\"someone-else\"}".getBytes())
            .pathToken(token)
            .build();
    IngestRequest garbage = IngestRequest.builder("not json".getBytes()).pathToken(token).build();

    assertThat(catchIngress(wrongToken).kind()).isEqualTo(IngressException.Kind.UNAUTHORIZED);
    assertThat(catchIngress(wrongHook).kind()).isEqualTo(IngressException.Kind.UNAUTHORIZED);
    assertThat(catchIngress(garbage).kind()).isEqualTo(IngressException.Kind.MALFORMED);
    assertThat(
            source
                .open(connection)
                .parse(IngestRequest.builder(body.getBytes()).pathToken(token).build()))
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(ChangeKind.PULL));
    assertThat(sim.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SmartSuiteSimulator.IdFilter.class)
  void resolveFetchesPartialPayloadsInOneBatchAndLeavesDeletedRecordsOut(
      SmartSuiteSimulator.IdFilter idFilter) throws Exception {
    sim.partialEventData(true);
    sim.idFilter(idFilter);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          sim.createRecord(
                  PRODUCTS,
                  json(
                      "{\"title\":\"P"
                          + i
                          + "\",\"s_price\":\""
                          + i
                          + ".50\",\"s_colour\":\"c2\"}"))
              .path("id")
              .asText());
    }
    sim.deleteRecord(PRODUCTS, ids.get(4));
    String pullKey = "pull:" + connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID);
    List<ChangeEvent> events = source.open(connection).pull(pullKey, null).events();
    assertThat(events).hasSize(6);
    for (int i = 0; i < 3; i++) {
      sim.createRecord(PRODUCTS, json("{\"title\":\"not asked for " + i + "\"}"));
    }
    sim.clearRequests();

    var pending =
        events.stream()
            .filter(e -> e.kind() == ChangeKind.UPSERT)
            .map(
                e ->
                    new dev.syncengine.core.spi.SourceAdapter.PendingChange(
                        e.recordId(), e.sourceVersion(), e.payload()))
            .toList();
    var resolved = source.open(connection).resolve(pending);

    assertThat(resolved.keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 4));
    assertThat(resolved.get(ids.get(1)).values().get("s_price").decimalValue())
        .isEqualByComparingTo("1.50");
    assertThat(resolved.get(ids.get(1)).values().get("s_colour").asText()).isEqualTo("Blue");
    assertThat(sim.requests().stream().filter(r -> r.path().endsWith("/records/list/")).count())
        .as("one list call: it answers, or shows that SmartSuite does not filter by id")
        .isEqualTo(1);
    assertThat(
            sim.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().contains("/records/"))
                .count())
        .as("one call per record only where the filter by id did not work")
        .isEqualTo(idFilter == SmartSuiteSimulator.IdFilter.HONOURED ? 0 : 5);
  }

  @Test
  void resolveUsesWholeRecordPayloadsWithoutFetchingAndCachesFileUrls() throws Exception {
    sim.putSharedFile("h1", "https://cdn.example.com/h1.jpg");
    String id =
        sim.createRecord(
                PRODUCTS,
                json(
                    "{\"title\":\"Mug\",\"s_imgs\":[{\"handle\":\"h1\",\"metadata\":{\"filename\":\"m.jpg\"}}]}"))
            .path("id")
            .asText();
    var payload = sim.record(PRODUCTS, id).orElseThrow();
    source.open(connection).schema();
    sim.clearRequests();
    var change =
        new dev.syncengine.core.spi.SourceAdapter.PendingChange(
            id, java.time.Instant.parse(payload.path("last_updated").path("on").asText()), payload);

    var first = source.open(connection).resolve(List.of(change));
    var second = source.open(connection).resolve(List.of(change));

    assertThat(first.get(id).values().get("s_imgs").get(0).path("url").asText())
        .isEqualTo("https://cdn.example.com/h1.jpg");
    assertThat(first.get(id).values().get("s_imgs").get(0).path("id").asText()).isEqualTo("h1");
    assertThat(second.get(id).values()).isEqualTo(first.get(id).values());
    assertThat(sim.requests())
        .extracting(r -> r.path())
        .containsExactly("/api/v1/shared-files/h1/url/");
  }

  @Test
  void maintainKeepsTheWebhookAliveAndReEnablesItWhenDisabled() {
    String webhookId = connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID);
    assertThat(source.open(connection).maintain())
        .containsEntry("status", "enabled")
        .containsKey("expires_at");

    sim.disableWebhook(webhookId);
    assertThat(source.open(connection).maintain()).containsEntry("status", "re-enabled");
    assertThat(sim.webhookEnabled(webhookId)).isTrue();

    sim.removeWebhook(webhookId);
    assertThat(source.open(connection).maintain()).containsEntry("status", "missing");
    Map<String, String> again = source.open(connection).subscribe(hookUrl(token));
    assertThat(again.get(SmartSuiteSource.OPTION_WEBHOOK_ID)).isNotEqualTo(webhookId);
    assertThat(sim.webhookIds()).containsExactly(again.get(SmartSuiteSource.OPTION_WEBHOOK_ID));
  }

  @Test
  void findsItsWebhookAmongManyOnTheSolutionWithoutRegisteringAnother() {
    for (int i = 0; i < 120; i++) {
      ObjectNode w = JsonNodeFactory.instance.objectNode();
      w.putObject("locator")
          .put("account_id", sim.accountId())
          .put("solution_id", i % 2 == 0 ? SimFixture.SOLUTION : "another-solution");
      w.putObject("notification_status")
          .putObject("enabled")
          .put("url", "https://elsewhere.example/" + i);
      sim.registerWebhook(w);
    }
    String ours = connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID);

    assertThat(source.open(connection).subscribe(hookUrl(token)))
        .containsEntry(SmartSuiteSource.OPTION_WEBHOOK_ID, ours);
    assertThat(source.open(connection).maintain()).containsEntry("status", "enabled");
    assertThat(sim.webhookIds()).hasSize(121);
    assertThat(sim.requests())
        .filteredOn(r -> r.path().endsWith("/ListWebhooks"))
        .as(
            "one page before the first registration (which looks before creating), then 61"
                + " webhooks on the solution: two pages for subscribe, two for maintain")
        .hasSize(5);
  }

  @Test
  void withoutASolutionIdTheWebhookIsLookedUpByItsId() {
    ConnectionConfig noSolution =
        connection.toBuilder()
            .source(new ResourceRef("smartsuite", null, SimFixture.PRODUCTS))
            .build();
    String ours = connection.options().get(SmartSuiteSource.OPTION_WEBHOOK_ID);

    assertThat(source.open(noSolution).subscribe(hookUrl(token)))
        .containsEntry(SmartSuiteSource.OPTION_WEBHOOK_ID, ours);
    assertThat(source.open(noSolution).maintain()).containsEntry("status", "enabled");
    sim.removeWebhook(ours);
    assertThat(source.open(noSolution).maintain()).containsEntry("status", "missing");
    assertThat(sim.webhookIds()).isEmpty();
  }

  @Test
  void subscribingAgainKeepsTheRegisteredWebhook() {
    Map<String, String> again = source.open(connection).subscribe(hookUrl(token));
    assertThat(again).isEqualTo(connection.options());
    assertThat(sim.webhookIds()).hasSize(1);
  }

  private IngressException catchIngress(IngestRequest r) {
    try {
      source.open(connection).parse(r);
    } catch (IngressException e) {
      return e;
    }
    throw new AssertionError("expected an IngressException");
  }

  /** Creates, updates and deletes records; returns the changes in the order they happened. */
  private List<Change> makeChanges(int count, Random random) {
    List<Change> changes = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(10);
      if (live.size() < 5 || roll < 4) {
        String id =
            sim.createRecord(
                    PRODUCTS,
                    json(
                        "{\"title\":\"Product "
                            + i
                            + "\",\"s_price\":\""
                            + i
                            + ".99\",\"s_live\":true}"))
                .path("id")
                .asText();
        live.add(id);
        changes.add(new Change(ChangeKind.UPSERT, id));
      } else if (roll < 8) {
        String id = live.get(random.nextInt(live.size()));
        sim.updateRecord(
            PRODUCTS,
            id,
            json("{\"s_price\":\"" + (i * 3) + ".25\",\"s_colour\":\"c" + (1 + i % 2) + "\"}"));
        changes.add(new Change(ChangeKind.UPSERT, id));
      } else {
        String id = live.remove(random.nextInt(live.size()));
        sim.deleteRecord(PRODUCTS, id);
        changes.add(new Change(ChangeKind.DELETE, id));
      }
    }
    assertThat(changes).anyMatch(c -> c.kind() == ChangeKind.DELETE);
    return changes;
  }
}
