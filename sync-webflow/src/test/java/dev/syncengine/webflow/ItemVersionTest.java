package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.LocaleFields;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.SimDelivery;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every successful write reports the item's version after it (Webflow's {@code lastUpdated}, from
 * the write's answer): the version Webflow then shows for the item and the one its webhook delivers
 * for that write, so that two-way sync can tell its own echo. Against the simulator over real HTTP,
 * every request checked against webflow-openapi-v2.yml.
 */
class ItemVersionTest {
  private static final String TOKEN = "version-test-token-0123456789";
  private static final String URL_TOKEN = "url-token-abcdefghijklmnopqrstuvwxyz";
  // Deliveries are recorded whether or not anyone listens: nobody does here.
  private static final String HOOK_URL = "http://127.0.0.1:9/hooks/c1/" + URL_TOKEN + "/target";

  private WebflowSimulator sim;
  private String site;
  private String collection;
  private String fr;
  private WebflowSink sink;
  private SinkUnderTest calls;
  private WebflowClient reader;

  @BeforeEach
  void start() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    site = sim.createSite("Shop");
    fr = sim.locales().add(site, "fr-FR", "French");
    collection =
        sim.createCollection(site, "Products", List.of(SimField.optional("price", "Number")));
    sink =
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .retryDelay(Duration.ofMillis(5))
                        .readTimeout(Duration.ofSeconds(5)))
            .build();
    calls = new SinkUnderTest(sink);
    reader =
        WebflowClient.builder()
            .baseUrl(sim.baseUrl())
            .token(TOKEN)
            .rateLimitPerMinute(1_000_000)
            .rateLimiters(RateLimiterRegistry.create())
            .build();
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      assertThat(OpenApiContract.violations(sim.recordedRequests())).isEmpty();
    } finally {
      sim.close();
    }
  }

  private ConnectionConfig connection(PublishMode publish, DeleteMode delete) {
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", site, collection))
        .publishMode(publish)
        .deleteMode(delete)
        .credentials(
            Credentials.empty()
                .with(WebflowCredentials.TOKEN, TOKEN)
                .with(Credentials.WEBHOOK_TOKEN, URL_TOKEN))
        .build();
  }

  private static ObjectNode fields(String name, double price) {
    return Json.object().put("name", name).put("slug", name.toLowerCase()).put("price", price);
  }

  private static WriteOp.Upsert upsert(String recordId, ObjectNode fd, IdMapping existing) {
    return new WriteOp.Upsert(recordId, fd, ItemAction.DEFAULT, existing);
  }

  /** The id mapping the engine keeps after a write (IdMapUpdate), version included. */
  private static IdMapping mapping(WriteResult r) {
    return new IdMapping(
        "c1",
        r.recordId(),
        r.itemId(),
        Instant.now(),
        r.fieldData(),
        null,
        r.itemState(),
        Instant.now(),
        r.targetVersion());
  }

  private WriteResult write(ConnectionConfig c, WriteOp op) {
    List<WriteResult> out = calls.write(c, List.of(op));
    assertThat(out).singleElement().satisfies(r -> assertThat(r.succeeded()).isTrue());
    return out.get(0);
  }

  /** The item's {@code lastUpdated} as Webflow shows it now. */
  private Instant shown(String itemId) {
    return reader.getItem(collection, itemId, false).lastUpdated();
  }

  @Test
  void createUpdateAndUnchangedCarryTheVersionWebflowShows() {
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.DELETE);

    WriteResult created = write(c, upsert("r1", fields("Chair", 10), null));
    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(created.targetVersion()).isNotNull().isEqualTo(shown(created.itemId()));

    WriteResult updated = write(c, upsert("r1", fields("Chair", 12), mapping(created)));
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.targetVersion()).isEqualTo(shown(created.itemId()));

    int before = sim.recordedRequests().size();
    WriteResult unchanged = write(c, upsert("r1", fields("Chair", 12), mapping(updated)));
    assertThat(unchanged.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(sim.recordedRequests()).as("no call for an unchanged item").hasSize(before);
    assertThat(unchanged.targetVersion())
        .as("the version our last write left")
        .isEqualTo(updated.targetVersion());
  }

  @Test
  void ourOwnWritesComeBackAsDeliveriesOfTheVersionTheWriteReported() throws Exception {
    ConnectionConfig c = connection(PublishMode.STAGED, DeleteMode.ARCHIVE);
    sink.ensureTargetWebhooks(c, HOOK_URL);

    WriteResult created = write(c, upsert("r1", fields("Lamp", 5), null));
    WriteResult updated = write(c, upsert("r1", fields("Lamp", 6), mapping(created)));
    WriteResult archived = write(c, new WriteOp.Delete("r1", mapping(updated), null));

    assertThat(archived.outcome()).isEqualTo(Outcome.ARCHIVED);
    assertThat(archived.targetVersion()).isNotNull().isEqualTo(shown(created.itemId()));
    assertThat(updated.targetVersion())
        .as("staged, then published: publishing leaves lastUpdated as the write left it")
        .isNotNull();
    List<SimDelivery> ds = deliveries(3);
    assertThat(ds)
        .extracting(SimDelivery::triggerType)
        .containsExactly(
            "collection_item_created", "collection_item_changed", "collection_item_changed");
    List<Instant> written =
        List.of(created.targetVersion(), updated.targetVersion(), archived.targetVersion());
    for (int i = 0; i < 3; i++) {
      Instant version = written.get(i);
      JsonNode payload = Json.parseOrNull(ds.get(i).bodyText()).path("payload");
      assertThat(payload.path("id").asText()).isEqualTo(created.itemId());
      assertThat(Instant.parse(payload.path("lastUpdated").asText()))
          .as("delivery %d carries the lastUpdated of the write's answer", i)
          .isEqualTo(version);
      List<TargetChange> parsed = sink.parseTargetChanges(c, request(ds.get(i)), Instant.now());
      assertThat(parsed)
          .as("the echo of our write parses to the version the write reported")
          .singleElement()
          .satisfies(t -> assertThat(t.targetVersion()).isEqualTo(version));
    }
  }

  private List<SimDelivery> deliveries(int n) throws InterruptedException {
    Await.until(
        Duration.ofSeconds(10),
        () -> n + " deliveries, got " + sim.webhooks().deliveries().size(),
        () -> sim.webhooks().deliveries().size() >= n);
    return sim.webhooks().deliveries();
  }

  private static IngestRequest request(SimDelivery d) {
    return IngestRequest.builder(d.body())
        .contentType("application/json")
        .pathToken(URL_TOKEN)
        .build();
  }

  @Test
  void anAdoptedItemCarriesTheVersionOfTheItemFound() {
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.DELETE);
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).times(1));

    WriteResult adopted = write(c, upsert("r1", fields("Desk", 90), null));

    assertThat(adopted.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(adopted.targetVersion()).isNotNull().isEqualTo(shown(adopted.itemId()));
  }

  @Test
  void aRecreatedItemCarriesTheNewItemsVersion() {
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.DELETE);
    WriteResult created = write(c, upsert("r1", fields("Sofa", 300), null));
    sim.removeItem(collection, created.itemId());

    WriteResult recreated = write(c, upsert("r1", fields("Sofa", 310), mapping(created)));

    assertThat(recreated.outcome()).isEqualTo(Outcome.RECREATED);
    assertThat(recreated.itemId()).isNotEqualTo(created.itemId());
    assertThat(recreated.targetVersion()).isNotNull().isEqualTo(shown(recreated.itemId()));
  }

  @Test
  void aLocalizedItemCarriesThePrimarysVersionNotAVariants() {
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.DELETE);
    ObjectNode fd = fields("Stool", 20);
    fd.putObject(LocaleFields.KEY).putObject(fr).put("name", "Tabouret");

    // created across locales, its French variant then written by a follow-up PATCH
    WriteResult created = write(c, upsert("r1", fd, null));
    assertThat(created.targetVersion()).isNotNull().isEqualTo(shown(created.itemId()));

    // updated with its variant in the same request
    ObjectNode changed = fd.deepCopy().put("price", 21);
    ((ObjectNode) changed.get(LocaleFields.KEY).get(fr)).put("name", "Petit tabouret");
    WriteResult updated = write(c, upsert("r1", changed, mapping(created)));
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.targetVersion()).isNotNull().isEqualTo(shown(created.itemId()));
  }

  @Test
  void anUnpublishAnsweredWithNoItemReportsNoVersion() {
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.UNPUBLISH);
    WriteResult created = write(c, upsert("r1", fields("Rug", 40), null));

    WriteResult unpublished = write(c, new WriteOp.Delete("r1", mapping(created), null));

    assertThat(unpublished.outcome()).isEqualTo(Outcome.UNPUBLISHED);
    assertThat(unpublished.targetVersion()).as("204: nothing to read it from").isNull();
  }
}
