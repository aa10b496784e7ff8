package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.memory.InMemoryIdMapStore;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebflowSinkTest {
  private static final String TOKEN = "sink-test-token-0123456789";
  private WebflowSimulator sim;
  private String collection;

  private void start(WebflowSimulator.Builder b) {
    sim = b.recordRequests(true).start();
    String site = sim.createSite("Shop");
    collection =
        sim.createCollection(
            site,
            "Products",
            List.of(SimField.optional("price", "Number"), SimField.optional("color", "PlainText")));
  }

  private void start() {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
  }

  @AfterEach
  void everyRequestTheSinkSentConformsToTheOpenApiDescription() {
    if (sim == null) {
      return;
    }
    try {
      List<String> violations = OpenApiContract.violations(sim.recordedRequests());
      assertThat(violations).isEmpty();
    } finally {
      sim.close();
    }
  }

  private SinkUnderTest sink() {
    return new SinkUnderTest(sinkBuilder().build());
  }

  private WebflowSink.Builder sinkBuilder() {
    return sinkBuilder(c -> c);
  }

  private WebflowSink.Builder sinkBuilder(
      java.util.function.UnaryOperator<WebflowClient.Builder> more) {
    return WebflowSink.builder()
        .client(
            c ->
                more.apply(
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .retryDelay(Duration.ofMillis(5))
                        .readTimeout(Duration.ofSeconds(5))));
  }

  private ConnectionConfig connection(PublishMode publish, DeleteMode delete) {
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", "site", collection))
        .publishMode(publish)
        .deleteMode(delete)
        .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, TOKEN))
        .build();
  }

  private ConnectionConfig live() {
    return connection(PublishMode.LIVE, DeleteMode.DELETE);
  }

  private static ObjectNode fields(String name, String slug, double price) {
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("slug", slug);
    o.put("price", price);
    return o;
  }

  private static WriteOp.Upsert upsert(String recordId, ObjectNode fd, IdMapping existing) {
    return new WriteOp.Upsert(recordId, fd, ItemAction.DEFAULT, existing);
  }

  private static IdMapping mapping(WriteResult r) {
    return new IdMapping(
        "c1",
        r.recordId(),
        r.itemId(),
        Instant.now(),
        r.fieldData(),
        null,
        r.itemState(),
        Instant.now());
  }

  private static List<WriteOp> newRecords(int from, int to) {
    List<WriteOp> ops = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ops.add(upsert("r" + i, fields("Item " + i, "item-" + i, i), null));
    }
    return ops;
  }

  @Test
  void writesAThousandNewRecordsWithTenCreateRequests() {
    start();
    SinkUnderTest sink = sink();
    List<WriteResult> all = new ArrayList<>();

    for (int b = 0; b < 10; b++) {
      all.addAll(sink.write(live(), newRecords(b * 100, b * 100 + 100)));
    }

    assertThat(all).hasSize(1000).allMatch(r -> r.outcome() == Outcome.CREATED);
    assertThat(sim.stats().createRequests()).isEqualTo(10);
    assertThat(sim.liveItems(collection)).hasSize(1000);
    assertThat(all.stream().map(WriteResult::itemId).distinct()).hasSize(1000);
  }

  @Test
  void leavesNoDuplicateWhenTenPercentOfCreateResponsesAreLostAfterCommit() {
    start();
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).probability(0.1));
    SinkUnderTest sink = sink();
    Map<String, WriteResult> done = new HashMap<>();
    List<WriteOp> pending = newRecords(0, 1000);

    // Like the engine: retryable failures come back in a later batch (with what was recorded).
    for (int round = 0; round < 10 && !pending.isEmpty(); round++) {
      List<WriteOp> again = new ArrayList<>();
      for (int i = 0; i < pending.size(); i += 20) {
        List<WriteOp> batch = pending.subList(i, Math.min(pending.size(), i + 20));
        for (WriteResult r : sink.write(live(), batch)) {
          if (r.succeeded()) {
            done.put(r.recordId(), r);
          } else {
            assertThat(r.error().retryable()).isTrue();
            again.add(
                batch.stream()
                    .filter(o -> o.recordId().equals(r.recordId()))
                    .findFirst()
                    .orElseThrow());
          }
        }
      }
      pending = again;
    }

    List<SimItem> items = sim.items(collection);
    assertThat(sim.stats().faultsInjected()).isGreaterThanOrEqualTo(3);
    assertThat(done).hasSize(1000);
    assertThat(items).hasSize(1000);
    assertThat(items.stream().map(SimItem::slug).collect(Collectors.toSet())).hasSize(1000);
    assertThat(done.values().stream().map(WriteResult::itemId).collect(Collectors.toSet()))
        .isEqualTo(items.stream().map(SimItem::id).collect(Collectors.toSet()));
    assertThat(done.values()).anyMatch(r -> r.outcome() == Outcome.ADOPTED);
  }

  @Test
  void threeSinksSharingOneTokenGetFewerThanTwoPercentOf429s() throws Exception {
    start(WebflowSimulator.builder().rateLimit(60, Duration.ofSeconds(1)));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<WriteResult>>> runs = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      // Separate registries: three processes that never talk to each other.
      SinkUnderTest sink =
          new SinkUnderTest(
              WebflowSink.builder()
                  .client(
                      c ->
                          c.baseUrl(sim.baseUrl())
                              .rateLimitPerMinute(60)
                              .rateLimitWindow(Duration.ofSeconds(1))
                              .rateLimiters(RateLimiterRegistry.create())
                              .retryDelay(Duration.ofMillis(20)))
                  .build());
      int base = s * 10_000;
      runs.add(
          pool.submit(
              () -> {
                List<WriteResult> out = new ArrayList<>();
                for (int b = 0; b < 70; b++) {
                  out.addAll(sink.write(live(), newRecords(base + b * 2, base + b * 2 + 2)));
                }
                return out;
              }));
    }
    List<WriteResult> results = new ArrayList<>();
    for (Future<List<WriteResult>> f : runs) {
      results.addAll(f.get());
    }
    pool.shutdown();

    var stats = sim.stats();
    System.out.printf(
        "three sinks, one token, 60/s: %d requests, %d answered 429%n",
        stats.requests(), stats.rateLimited());
    assertThat(stats.requests()).isGreaterThanOrEqualTo(210);
    assertThat((double) stats.rateLimited() / stats.requests()).isLessThan(0.02);
    assertThat(results).hasSize(420).allMatch(WriteResult::succeeded);
  }

  @Test
  void skipsAnUnchangedItemWithoutAnyCall() {
    start();
    SinkUnderTest sink = sink();
    WriteResult created = sink.write(live(), newRecords(0, 1)).get(0);
    long before = sim.stats().requests();

    WriteResult again =
        sink.write(live(), List.of(upsert("r0", fields("Item 0", "item-0", 0), mapping(created))))
            .get(0);

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.itemId()).isEqualTo(created.itemId());
    assertThat(sim.stats().requests()).isEqualTo(before);
  }

  @Test
  void updatesChangedItemsInOneRequestLeavingTheUnchangedSlugOut() {
    start();
    SinkUnderTest sink = sink();
    List<WriteResult> created = sink.write(live(), newRecords(0, 3));
    List<WriteOp> changes = new ArrayList<>();
    for (WriteResult r : created) {
      ObjectNode fd = r.fieldData().deepCopy().put("price", 99);
      changes.add(upsert(r.recordId(), fd, mapping(r)));
    }

    List<WriteResult> updated = sink.write(live(), changes);

    assertThat(updated).allMatch(r -> r.outcome() == Outcome.UPDATED);
    assertThat(sim.stats().count(SimOperation.UPDATE_ITEMS)).isEqualTo(1);
    RecordedRequest patch =
        sim.recordedRequests().stream()
            .filter(r -> r.method().equals("PATCH"))
            .findFirst()
            .orElseThrow();
    assertThat(patch.body()).contains("\"price\":99").doesNotContain("\"slug\"");
    assertThat(sim.liveItems(collection))
        .allMatch(i -> i.liveFieldData().get("price").asInt() == 99);
  }

  @Test
  void givesATakenSlugASuffixWhenTheItemBelongsToSomeoneElse() {
    start();
    sim.seedItem(collection, fields("Other", "blue", 1), true);

    WriteResult r =
        sink().write(live(), List.of(upsert("r1", fields("Blue", "blue", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("blue-2");
    assertThat(r.note()).contains("blue-2");
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("blue", "blue-2");
  }

  @Test
  void keepsTheSuffixedSlugOnLaterUpdates() {
    start();
    sim.seedItem(collection, fields("Other", "blue", 1), true);
    SinkUnderTest sink = sink();
    WriteResult r =
        sink.write(live(), List.of(upsert("r1", fields("Blue", "blue", 5), null))).get(0);

    WriteResult u =
        sink.write(live(), List.of(upsert("r1", fields("Blue", "blue", 6), mapping(r)))).get(0);

    assertThat(u.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(u.fieldData().get("slug").asText()).isEqualTo("blue-2");
  }

  @Test
  void adoptsAnItemWithATakenSlugWhenItIsOurOwn() {
    start();
    String id = sim.seedItem(collection, fields("Blue", "blue", 5), true);

    WriteResult r =
        sink().write(live(), List.of(upsert("r1", fields("Blue", "blue", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.itemId()).isEqualTo(id);
    assertThat(sim.items(collection)).hasSize(1);
  }

  @Test
  void decidesOwnershipByTheRecordIdFieldWhenTheConnectionNamesOne() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    collection =
        sim.createCollection(
            sim.createSite("Shop"),
            "Products",
            List.of(
                SimField.optional("price", "Number"), SimField.optional("source-id", "PlainText")));
    String mine =
        sim.seedItem(collection, fields("Old name", "blue", 1).put("source-id", "r1"), true);
    sim.seedItem(collection, fields("Red", "red", 7).put("source-id", "someone-else"), true);
    ConnectionConfig conn =
        live().toBuilder().option(WebflowSink.OPTION_RECORD_ID_FIELD, "source-id").build();

    List<WriteResult> r =
        sink()
            .write(
                conn,
                List.of(
                    upsert("r1", fields("Blue", "blue", 5), null),
                    upsert("r2", fields("Red", "red", 7), null)));

    assertThat(r.get(0).outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.get(0).itemId()).isEqualTo(mine);
    assertThat(r.get(1).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.get(1).fieldData().get("slug").asText()).isEqualTo("red-2");
    assertThat(r.get(1).fieldData().get("source-id").asText()).isEqualTo("r2");
  }

  @Test
  void updatesAnItemAdoptedByItsRecordIdFieldWhenItHoldsOtherValues() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    collection =
        sim.createCollection(
            sim.createSite("Shop"),
            "Products",
            List.of(
                SimField.optional("price", "Number"), SimField.optional("source-id", "PlainText")));
    // What a lost create of an older version left behind: our marker, stale values.
    String mine =
        sim.seedItem(collection, fields("Old name", "blue", 1).put("source-id", "r1"), true);
    ConnectionConfig conn =
        live().toBuilder().option(WebflowSink.OPTION_RECORD_ID_FIELD, "source-id").build();

    WriteResult r =
        sink().write(conn, List.of(upsert("r1", fields("Blue", "blue", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.itemId()).isEqualTo(mine);
    assertThat(r.note()).contains("updated");
    SimItem item = sim.items(collection).get(0);
    assertThat(sim.items(collection)).hasSize(1);
    assertThat(item.fieldData().get("name").asText()).isEqualTo("Blue");
    assertThat(item.fieldData().get("price").asDouble()).isEqualTo(5.0);
    assertThat(item.liveFieldData().get("name").asText()).isEqualTo("Blue");
    assertThat(r.fieldData().get("name").asText()).isEqualTo("Blue");
  }

  @Test
  void adoptsAnItemHoldingExactlyTheValuesSentWithoutUpdatingIt() {
    start();
    sim.seedItem(collection, fields("Blue", "blue", 5), true);

    WriteResult r =
        sink().write(live(), List.of(upsert("r1", fields("Blue", "blue", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(sim.stats().count(SimOperation.UPDATE_ITEMS)).isZero();
  }

  @Test
  void failsOnlyTheInvalidItemOfABatchWithWebflowsMessage() {
    start();
    List<WriteOp> ops = newRecords(0, 10);
    ObjectNode bad = fields("Bad", "bad", 0).put("price", "not a number");
    ops.set(6, upsert("r6", bad, null));

    List<WriteResult> r = sink().write(live(), ops);

    assertThat(r.get(6).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.get(6).error().retryable()).isFalse();
    assertThat(r.get(6).error().message()).contains("Expected a number");
    assertThat(r.get(6).error().field()).isEqualTo("price");
    assertThat(r).filteredOn(WriteResult::succeeded).hasSize(9);
    assertThat(sim.items(collection)).hasSize(9);
  }

  @Test
  void recreatesAnItemThatWasDeletedInWebflow() {
    start();
    SinkUnderTest sink = sink();
    WriteResult created = sink.write(live(), newRecords(0, 1)).get(0);
    sim.removeItem(collection, created.itemId());

    WriteResult r =
        sink.write(live(), List.of(upsert("r0", fields("Item 0", "item-0", 42), mapping(created))))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.RECREATED);
    assertThat(r.itemId()).isNotEqualTo(created.itemId());
    assertThat(r.note()).contains("gone");
    assertThat(sim.items(collection)).singleElement().extracting(SimItem::id).isEqualTo(r.itemId());
  }

  @Test
  void writesStagedThenPublishesInStagedMode() {
    start();

    List<WriteResult> r =
        sink().write(connection(PublishMode.STAGED, DeleteMode.DELETE), newRecords(0, 3));

    assertThat(r).allMatch(w -> w.outcome() == Outcome.CREATED && "live".equals(w.itemState()));
    assertThat(sim.liveItems(collection)).hasSize(3);
    assertThat(sim.stats().count(SimOperation.PUBLISH_ITEMS)).isEqualTo(1);
  }

  @Test
  void writesDraftsInDraftModeAndPublishesNothing() {
    start();

    List<WriteResult> r =
        sink().write(connection(PublishMode.DRAFT, DeleteMode.DELETE), newRecords(0, 2));

    assertThat(r).allMatch(w -> "draft".equals(w.itemState()));
    assertThat(sim.liveItems(collection)).isEmpty();
    assertThat(sim.items(collection)).allMatch(SimItem::isDraft);
  }

  @Test
  void publishesADraftItemWhenALiveUpdateIsRefusedWithAConflict() {
    start();
    SinkUnderTest sink = sink();
    WriteResult draft =
        sink.write(connection(PublishMode.DRAFT, DeleteMode.DELETE), newRecords(0, 1)).get(0);

    WriteResult r =
        sink.write(live(), List.of(upsert("r0", fields("Item 0", "item-0", 3), mapping(draft))))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(sim.liveItems(collection))
        .singleElement()
        .satisfies(i -> assertThat(i.liveFieldData().get("price").asInt()).isEqualTo(3));
  }

  @Test
  void removesItemsPerTheDeleteMode() {
    start();
    SinkUnderTest sink = sink();
    List<WriteResult> made = sink.write(live(), newRecords(0, 3));

    WriteResult deleted =
        sink.write(live(), List.of(new WriteOp.Delete("r0", mapping(made.get(0))))).get(0);
    WriteResult unpublished =
        sink.write(
                connection(PublishMode.LIVE, DeleteMode.UNPUBLISH),
                List.of(new WriteOp.Delete("r1", mapping(made.get(1)))))
            .get(0);
    WriteResult archived =
        sink.write(
                connection(PublishMode.LIVE, DeleteMode.ARCHIVE),
                List.of(new WriteOp.Delete("r2", mapping(made.get(2)))))
            .get(0);
    WriteResult nothing = sink.write(live(), List.of(new WriteOp.Delete("r9", null))).get(0);

    assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(unpublished.outcome()).isEqualTo(Outcome.UNPUBLISHED);
    assertThat(archived.outcome()).isEqualTo(Outcome.ARCHIVED);
    assertThat(nothing.outcome()).isEqualTo(Outcome.DELETED);
    Map<String, SimItem> byId =
        sim.items(collection).stream().collect(Collectors.toMap(SimItem::id, i -> i));
    assertThat(byId).doesNotContainKey(made.get(0).itemId());
    assertThat(byId.get(made.get(1).itemId()).isLive()).isFalse();
    assertThat(byId.get(made.get(2).itemId()).isArchived()).isTrue();
  }

  @Test
  void countsAnItemAlreadyGoneAsDeleted() {
    start();
    SinkUnderTest sink = sink();
    List<WriteResult> made = sink.write(live(), newRecords(0, 2));
    sim.removeItem(collection, made.get(0).itemId());

    List<WriteResult> r =
        sink.write(
            live(),
            List.of(
                new WriteOp.Delete("r0", mapping(made.get(0))),
                new WriteOp.Delete("r1", mapping(made.get(1)))));

    assertThat(r).allMatch(w -> w.outcome() == Outcome.DELETED);
    assertThat(sim.items(collection)).isEmpty();
  }

  @Test
  void retriesAnUpdateAfterAServerError() {
    start();
    SinkUnderTest sink = sink();
    WriteResult made = sink.write(live(), newRecords(0, 1)).get(0);
    sim.addFault(Fault.serverError(503).on(SimOperation.UPDATE_ITEMS).times(1));

    WriteResult r =
        sink.write(live(), List.of(upsert("r0", fields("Item 0", "item-0", 8), mapping(made))))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(sim.stats().count(SimOperation.UPDATE_ITEMS)).isEqualTo(2);
  }

  @Test
  void reportsRateLimitedItemsAsRetryableWithRetryAfter() {
    // two requests a window: the slug index listing and the create
    start(WebflowSimulator.builder().rateLimit(2, Duration.ofSeconds(30)));
    // another process (its own limiter) spends the window; ours cannot know it has
    new SinkUnderTest(sinkBuilder().build()).write(live(), newRecords(0, 1));
    SinkUnderTest sink = new SinkUnderTest(sinkBuilder(c -> c.maxRetries(0)).build());

    WriteResult r = sink.write(live(), newRecords(1, 2)).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.error().retryable()).isTrue();
    assertThat(r.error().retryAfter()).isGreaterThan(Duration.ofSeconds(20));
  }

  @Test
  void failsTheWholeBatchWhenTheTokenIsRefused() {
    start(WebflowSimulator.builder().tokens("another-token").rateLimit(0, Duration.ofSeconds(1)));

    assertThatThrownBy(() -> sink().write(live(), newRecords(0, 2)))
        .isInstanceOfSatisfying(
            SyncException.class,
            e -> {
              assertThat(e.error().retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
  }

  @Test
  void failsTheWholeBatchAsRetryableWhenWebflowIsUnreachable() {
    start();
    SinkUnderTest sink = new SinkUnderTest(sinkBuilder(c -> c.maxRetries(1)).build());
    sim.close();

    assertThatThrownBy(
            () ->
                sink.write(
                    live(),
                    List.of(
                        new WriteOp.Delete(
                            "r", new IdMapping("c1", "r", "i", null, null, null, "draft", null)))))
        .isInstanceOfSatisfying(
            SyncException.class, e -> assertThat(e.error().retryable()).isTrue());
    sim = null;
  }

  @Test
  void readsTheCollectionSchema() {
    start();

    var schema = sink().schema(live());

    assertThat(schema.field("price").orElseThrow().type()).isEqualTo("Number");
    assertThat(schema.field("slug").orElseThrow().required()).isTrue();
    assertThat(Set.of(sink().type())).containsExactly("webflow");
  }

  @Test
  void discoversSitesAndCollectionsWithTheDraftsToken() {
    start();
    List<dev.syncengine.core.model.NamedRef> sites = sink().containers(live());

    assertThat(sites).extracting(dev.syncengine.core.model.NamedRef::name).containsExactly("Shop");
    assertThat(sink().collections(live(), sites.get(0).id()))
        .extracting(dev.syncengine.core.model.NamedRef::id)
        .containsExactly(collection);
  }

  @Test
  void refusedCredentialsFailTheCheckWithoutEchoingTheToken() {
    start(
        WebflowSimulator.builder()
            .tokens("someone-elses-token")
            .rateLimit(0, Duration.ofSeconds(1)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink().verifyCredentials(live()))
        .isInstanceOf(dev.syncengine.core.spi.SyncException.class)
        .hasMessageNotContaining(TOKEN)
        .satisfies(
            e ->
                assertThat(((dev.syncengine.core.spi.SyncException) e).error().retryable())
                    .isFalse());
  }

  // ---- one item per record whatever the crash point; no 400 for a slug known to be taken ----

  /** What the engine gives the sink: intents recorded in an id map store. */
  private static CreateIntents intentsIn(IdMapStore store, Runnable beforeRecording) {
    return new CreateIntents() {
      @Override
      public void record(Map<String, String> keyByRecordId) {
        beforeRecording.run();
        store.recordCreateIntents("c1", keyByRecordId);
      }

      @Override
      public Optional<String> recordOfItem(String itemId) {
        return store.findByItemId("c1", itemId).map(IdMapping::recordId);
      }
    };
  }

  /**
   * Writes item-0, then creates r1 ("old") under {@code createFault} while every listing fails, so
   * the create stays unconfirmed and is reported as retryable. Returns r1's recorded create key.
   */
  private String unconfirmedCreate(IdMapStore store, Fault createFault) {
    SinkUnderTest sink = sink();
    sink.write(live(), newRecords(0, 1), intentsIn(store, () -> {}));
    sim.addFault(createFault);
    sim.addFault(Fault.serverError(503).on(SimOperation.LIST_ITEMS));
    WriteResult first =
        sink.write(
                live(),
                List.of(upsert("r1", fields("Old", "old", 1), null)),
                intentsIn(store, () -> {}))
            .get(0);
    assertThat(first.succeeded()).isFalse();
    assertThat(first.error().retryable()).isTrue();
    assertThat(first.error().code()).isEqualTo("create_outcome_unknown");
    sim.clearFaults();
    return store.findCreateIntents("c1", List.of("r1")).get("r1");
  }

  private static WriteOp.Upsert upsertWithKey(String recordId, ObjectNode fd, String createKey) {
    return new WriteOp.Upsert(recordId, fd, ItemAction.DEFAULT, null, createKey);
  }

  private long answered400() {
    return sim.recordedRequests().stream().filter(r -> r.status() == 400).count();
  }

  @Test
  void recordsEachCreatesKeyBeforeTheCreateIsSent() {
    start();
    IdMapStore store = new InMemoryIdMapStore();
    List<Long> createsSentWhenRecorded = new ArrayList<>();

    List<WriteResult> r =
        sink()
            .write(
                live(),
                newRecords(0, 3),
                intentsIn(store, () -> createsSentWhenRecorded.add(sim.stats().createRequests())));

    assertThat(r).allMatch(w -> w.outcome() == Outcome.CREATED);
    assertThat(createsSentWhenRecorded).containsExactly(0L);
    assertThat(store.findCreateIntents("c1", List.of("r0", "r1", "r2")))
        .isEqualTo(Map.of("r0", "item-0", "r1", "item-1", "r2", "item-2"));
  }

  @Test
  void adoptsTheItemACrashedCreateMadeWhenANewerRevisionWithAnotherNameAndSlugArrives() {
    start();
    // The killed instance recorded the intent, created the item, died before recording its id.
    String made = sim.seedItem(collection, fields("Old name", "old-name", 1), true);
    sim.seedItem(collection, fields("Someone else", "new-name-2", 9), true);

    WriteResult r =
        sink()
            .write(
                live(), List.of(upsertWithKey("r1", fields("New name", "new-name", 2), "old-name")))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.itemId()).isEqualTo(made);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("new-name");
    assertThat(sim.items(collection)).hasSize(2);
    SimItem item = sim.items(collection).get(0);
    assertThat(item.slug()).isEqualTo("new-name");
    assertThat(item.fieldData().get("name").asText()).isEqualTo("New name");
    assertThat(item.liveFieldData().get("price").asDouble()).isEqualTo(2.0);
    assertThat(answered400()).isZero();
  }

  @Test
  void adoptsTheItemACrashedCreateMadeWhenANewerRevisionKeepsTheSlug() {
    start();
    String made =
        sim.seedItem(collection, fields("Acceptance 314", "acceptance-item-314", 1), true);

    WriteResult r =
        sink()
            .write(
                live(),
                List.of(
                    upsertWithKey(
                        "r314",
                        fields("Acceptance 314", "acceptance-item-314", 2),
                        "acceptance-item-314")))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.itemId()).isEqualTo(made);
    assertThat(sim.items(collection)).hasSize(1);
    assertThat(sim.items(collection).get(0).slug()).isEqualTo("acceptance-item-314");
    assertThat(sim.items(collection).get(0).fieldData().get("price").asDouble()).isEqualTo(2.0);
  }

  @Test
  void neverAdoptsUnderACreateKeyAnItemMappedToAnotherRecord() {
    start();
    IdMapStore store = new InMemoryIdMapStore();
    WriteResult other = sink().write(live(), newRecords(0, 1), intentsIn(store, () -> {})).get(0);
    store.put(mapping(other));

    WriteResult r =
        sink()
            .write(
                live(),
                List.of(upsertWithKey("r9", fields("Nine", "item-0", 9), "item-0")),
                intentsIn(store, () -> {}))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.itemId()).isNotEqualTo(other.itemId());
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("item-0-2");
    assertThat(sim.items(collection)).hasSize(2);
  }

  @Test
  void aLostCreateResponseThenANewerRevisionLeavesOneItemWithTheNewestValues() {
    start();
    IdMapStore store = new InMemoryIdMapStore();
    // The create commits but its answer is lost, and the look-up that would find it fails too.
    String key =
        unconfirmedCreate(
            store, Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).times(1));
    assertThat(sim.items(collection)).hasSize(2);
    assertThat(key).isEqualTo("old");

    WriteResult second =
        sink()
            .write(
                live(),
                List.of(upsertWithKey("r1", fields("New", "new", 2), key)),
                intentsIn(store, () -> {}))
            .get(0);

    assertThat(second.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(sim.items(collection)).hasSize(2);
    SimItem item = sim.items(collection).get(1);
    assertThat(second.itemId()).isEqualTo(item.id());
    assertThat(item.slug()).isEqualTo("new");
    assertThat(item.fieldData().get("name").asText()).isEqualTo("New");
  }

  @Test
  void aCreateRefusedWithA5xxWhoseLookUpFailedKeepsItsSlugOnTheRetry() {
    start();
    IdMapStore store = new InMemoryIdMapStore();
    // A 5xx to a create leaves its outcome unknown (webflow-api.md: a retried create can make a
    // duplicate); here nothing was applied, and the look-up that would tell fails too.
    String key =
        unconfirmedCreate(store, Fault.serverError(500).on(SimOperation.CREATE_ITEMS).times(1));

    WriteResult second =
        sink()
            .write(
                live(),
                List.of(upsertWithKey("r1", fields("Old", "old", 2), key)),
                intentsIn(store, () -> {}))
            .get(0);

    // The look-up now shows the slug free: the record gets it, not "old-2".
    assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(second.fieldData().get("slug").asText()).isEqualTo("old");
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("item-0", "old");
  }

  @Test
  void createsUnderTheFirstFreeSuffixAtOnceWhenTheSlugAndItsSuffixAreTaken() {
    start();
    sim.seedItem(collection, fields("Other x", "x", 1), true);
    sim.seedItem(collection, fields("Other x 2", "x-2", 1), true);
    sim.resetStats();

    WriteResult r = sink().write(live(), List.of(upsert("r1", fields("X", "x", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("x-3");
    assertThat(r.note()).contains("x-3");
    assertThat(sim.stats().createRequests()).isEqualTo(1);
    assertThat(answered400()).isZero();
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("x", "x-2", "x-3");
  }

  @Test
  void givesTwoNewRecordsWithOneSlugInOneBatchDistinctSlugsWithoutA400() {
    start();

    List<WriteResult> r =
        sink()
            .write(
                live(),
                List.of(
                    upsert("r1", fields("Twin", "twin", 1), null),
                    upsert("r2", fields("Twin", "twin", 2), null)));

    assertThat(r)
        .extracting(w -> w.fieldData().get("slug").asText())
        .containsExactly("twin", "twin-2");
    assertThat(sim.stats().createRequests()).isEqualTo(1);
    assertThat(answered400()).isZero();
  }

  @Test
  void resolvesACollisionWithAnItemCreatedBehindItsBackAfterTheSlugsWereIndexed() {
    start();
    SinkUnderTest sink = sink();
    sink.write(live(), newRecords(0, 1));
    sim.seedItem(collection, fields("Someone else", "y", 1), true);

    WriteResult r = sink.write(live(), List.of(upsert("r1", fields("Y", "y", 5), null))).get(0);
    WriteResult again = sink.write(live(), List.of(upsert("r2", fields("Y", "y", 6), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("y-2");
    assertThat(again.fieldData().get("slug").asText()).isEqualTo("y-3");
    assertThat(answered400()).as("only the first, stale, attempt").isEqualTo(1);
    assertThat(sim.items(collection))
        .extracting(SimItem::slug)
        .containsExactly("item-0", "y", "y-2", "y-3");
  }

  @Test
  void adoptsItsOwnItemThatAnotherEngineCreatedAfterTheSlugsWereIndexed() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    collection =
        sim.createCollection(
            sim.createSite("Shop"),
            "Products",
            List.of(
                SimField.optional("price", "Number"), SimField.optional("source-id", "PlainText")));
    ConnectionConfig conn =
        live().toBuilder().option(WebflowSink.OPTION_RECORD_ID_FIELD, "source-id").build();
    SinkUnderTest sink = sink();
    sink.write(conn, newRecords(0, 1));
    String mine = sim.seedItem(collection, fields("Z", "z", 1).put("source-id", "r1"), true);

    WriteResult r = sink.write(conn, List.of(upsert("r1", fields("Z", "z", 2), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(r.itemId()).isEqualTo(mine);
    assertThat(sim.items(collection)).hasSize(2);
  }

  @Test
  void anItemDeletedByTheSinkKeepsItsSlugReservedSoARecreateTakesASuffix() {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).reserveDeletedSlugs(true));
    SinkUnderTest sink = sink();
    WriteResult made = sink.write(live(), newRecords(0, 1)).get(0);
    sink.write(live(), List.of(new WriteOp.Delete("r0", mapping(made))));

    WriteResult again = sink.write(live(), newRecords(0, 1)).get(0);

    // Webflow keeps a deleted item's slug until the site is republished (webflow-api.md).
    assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(again.fieldData().get("slug").asText()).isEqualTo("item-0-2");
    assertThat(answered400()).isZero();
  }

  @Test
  void learnsFromA400ThatADeletedItemsSlugIsStillTakenAndTakesASuffix() {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).reserveDeletedSlugs(true));
    SinkUnderTest sink = sink();
    sink.write(live(), newRecords(0, 1));
    // Another engine made and deleted an item "gone" after our index was built.
    SinkUnderTest other = sink();
    WriteResult made =
        other.write(live(), List.of(upsert("o1", fields("Gone", "gone", 1), null))).get(0);
    other.write(live(), List.of(new WriteOp.Delete("o1", mapping(made))));

    WriteResult r =
        sink.write(live(), List.of(upsert("r1", fields("Gone", "gone", 2), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("gone-2");
    assertThat(answered400()).isEqualTo(1);
  }

  @Test
  void resolvesManyCreatesACrashLeftUnconfirmedWithOneListing() {
    start();
    List<WriteOp> replay = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sim.seedItem(collection, fields("Item " + i, "item-" + i, i), true);
      replay.add(
          upsertWithKey("r" + i, fields("Item " + i + " v2", "item-" + i, i + 1), "item-" + i));
    }
    sim.resetStats();

    List<WriteResult> r = sink().write(live(), replay);

    assertThat(r).allMatch(w -> w.outcome() == Outcome.ADOPTED);
    assertThat(sim.items(collection)).hasSize(50);
    assertThat(sim.items(collection))
        .allMatch(i -> i.fieldData().get("name").asText().endsWith("v2"));
    assertThat(sim.stats().count(SimOperation.LIST_ITEMS)).as("index + newest items").isEqualTo(2);
    assertThat(sim.stats().count(SimOperation.UPDATE_ITEMS)).isEqualTo(1);
    assertThat(sim.stats().createRequests()).isZero();
  }

  @Test
  void renamesAnItemToTheFirstFreeSuffixWhenItsNewSlugIsTakenWithoutA400() {
    start();
    SinkUnderTest sink = sink();
    WriteResult made = sink.write(live(), newRecords(0, 1)).get(0);
    sim.seedItem(collection, fields("Green", "green", 1), true);
    SinkUnderTest fresh = sink(); // indexes the collection as it is now

    WriteResult r =
        fresh
            .write(live(), List.of(upsert("r0", fields("Green", "green", 3), mapping(made))))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("green-2");
    assertThat(answered400()).isZero();
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("green-2", "green");
  }

  @Test
  void aLostAnswerToACreateRefusedForAStaleSlugNeverAdoptsTheOtherItem() {
    start();
    SinkUnderTest sink = sink();
    sink.write(live(), newRecords(0, 1));
    String foreign = sim.seedItem(collection, fields("Foreign", "q", 1), true);
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).times(1));

    WriteResult r = sink.write(live(), List.of(upsert("r1", fields("Q", "q", 5), null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.itemId()).isNotEqualTo(foreign);
    assertThat(r.fieldData().get("slug").asText()).isEqualTo("q-2");
    SimItem other =
        sim.items(collection).stream()
            .filter(i -> i.id().equals(foreign))
            .findFirst()
            .orElseThrow();
    assertThat(other.fieldData().get("name").asText()).isEqualTo("Foreign");
  }
}
