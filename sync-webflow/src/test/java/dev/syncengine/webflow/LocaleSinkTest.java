package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.memory.InMemoryIdMapStore;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.LocaleFields;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetLocale;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.IdMapStore;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secondary locales against the simulator: a record's item and its French and Spanish variants are
 * created, updated, deleted and unpublished together, under one item id, and every request the sink
 * sends conforms to webflow-openapi-v2.yml.
 */
class LocaleSinkTest {
  private static final String TOKEN = "locale-test-token-0123456789";
  private WebflowSimulator sim;
  private String site;
  private String collection;
  private String fr;
  private String es;

  @BeforeEach
  void start() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    site = sim.createSite("Shop");
    fr = sim.locales().add(site, "fr-FR", "French");
    es = sim.locales().add(site, "es", "Spanish");
    collection =
        sim.createCollection(
            site,
            "Products",
            List.of(SimField.optional("price", "Number"), SimField.optional("color", "PlainText")));
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      List<String> violations = OpenApiContract.violations(sim.recordedRequests());
      assertThat(violations).isEmpty();
    } finally {
      sim.close();
    }
  }

  private SinkUnderTest sink() {
    return new SinkUnderTest(
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .maxRetries(1)
                        .retryDelay(Duration.ofMillis(5))
                        .readTimeout(Duration.ofSeconds(5)))
            .build());
  }

  private ConnectionConfig connection(PublishMode publish, DeleteMode delete) {
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", site, collection))
        .publishMode(publish)
        .deleteMode(delete)
        .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, TOKEN))
        .build();
  }

  private ConnectionConfig live() {
    return connection(PublishMode.LIVE, DeleteMode.DELETE);
  }

  /** Mapped values: the primary's, then the French and Spanish names (and a French color). */
  private ObjectNode fields(String name, double price, String frName, String esName) {
    ObjectNode fd = Json.object().put("name", name).put("slug", slugOf(name)).put("price", price);
    ObjectNode all = fd.putObject(LocaleFields.KEY);
    all.putObject(fr).put("name", frName).put("color", "rouge");
    all.putObject(es).put("name", esName);
    return fd;
  }

  private static String slugOf(String name) {
    return name.toLowerCase().replace(' ', '-');
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

  private SimItem variant(String locale) {
    return sim.locales().items(collection, locale).get(0);
  }

  private List<RecordedRequest> writes() {
    return sim.recordedRequests().stream().filter(r -> !r.method().equals("GET")).toList();
  }

  @Test
  void theSchemaListsTheSiteLocalesPrimaryFirst() {
    TargetSchema schema = sink().schema(live());

    assertThat(schema.locales())
        .extracting(TargetLocale::tag, TargetLocale::primary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("en", true),
            org.assertj.core.groups.Tuple.tuple("fr-FR", false),
            org.assertj.core.groups.Tuple.tuple("es", false));
    assertThat(schema.locale("FR-fr")).map(TargetLocale::id).contains(fr);
  }

  @Test
  void createsTheItemInEveryLocaleThenGivesEachVariantItsValuesAndPublishesThemAll() {
    WriteResult r =
        sink()
            .write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(sim.items(collection))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.id()).isEqualTo(r.itemId());
              assertThat(i.fieldData().get("name").asText()).isEqualTo("Tea");
              assertThat(i.isLive()).isTrue();
            });
    SimItem french = variant(fr);
    assertThat(french.id()).isEqualTo(r.itemId()); // the variants share the item's id
    assertThat(french.fieldData().get("name").asText()).isEqualTo("Thé");
    assertThat(french.fieldData().get("color").asText()).isEqualTo("rouge");
    // Fields not mapped for a locale keep what Webflow holds: the create's copy of the primary.
    assertThat(french.fieldData().get("price").asDouble()).isEqualTo(4);
    assertThat(french.isLive()).isTrue();
    assertThat(variant(es).fieldData().get("name").asText()).isEqualTo("Té");
    assertThat(variant(es).isLive()).isTrue();
    // One create across locales, one PATCH with both variants, one publish of all locales.
    assertThat(writes())
        .extracting(w -> w.method() + " " + w.path())
        .containsExactly(
            "POST /v2/collections/" + collection + "/items/bulk",
            "PATCH /v2/collections/" + collection + "/items",
            "POST /v2/collections/" + collection + "/items/publish");
    assertThat(LocaleFields.of(r.fieldData())).containsOnlyKeys(fr, es);
  }

  @Test
  void anUpdateSendsOnlyTheChangedVariantInTheSameRequestAsTheItem() {
    SinkUnderTest sink = sink();
    WriteResult created =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);
    sim.resetStats();
    int before = sim.recordedRequests().size();

    WriteResult updated =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1",
                        fields("Tea", 5, "Thé vert", "Té"),
                        ItemAction.DEFAULT,
                        mapping(created))))
            .get(0);

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    List<RecordedRequest> sent =
        sim.recordedRequests().subList(before, sim.recordedRequests().size());
    assertThat(sent)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.method() + " " + p.path())
                  .isEqualTo("PATCH /v2/collections/" + collection + "/items/live");
              JsonNode items = Json.parseOrNull(p.body()).get("items");
              assertThat(items).hasSize(2);
              assertThat(items.get(0).has("cmsLocaleId")).isFalse();
              assertThat(items.get(1).get("cmsLocaleId").asText()).isEqualTo(fr);
            });
    assertThat(sim.items(collection).get(0).fieldData().get("price").asDouble()).isEqualTo(5);
    assertThat(variant(fr).liveFieldData().get("name").asText()).isEqualTo("Thé vert");
    assertThat(variant(es).fieldData().get("name").asText()).isEqualTo("Té");

    int after = sim.recordedRequests().size();
    WriteResult again =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1",
                        fields("Tea", 5, "Thé vert", "Té"),
                        ItemAction.DEFAULT,
                        mapping(updated))))
            .get(0);
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(sim.recordedRequests()).hasSize(after);
  }

  @Test
  void aChangeInOneLocaleAloneIsStillWritten() {
    SinkUnderTest sink = sink();
    WriteResult created =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);

    WriteResult updated =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1",
                        fields("Tea", 4, "Thé", "Té negro"),
                        ItemAction.DEFAULT,
                        mapping(created))))
            .get(0);

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(variant(es).liveFieldData().get("name").asText()).isEqualTo("Té negro");
  }

  @Test
  void aLocaleMappedAfterTheItemWasMadeFailsClearlyAndNeverRecreatesTheItem() {
    SinkUnderTest sink = sink();
    ObjectNode frenchOnly = fields("Tea", 4, "Thé", "Té");
    ((ObjectNode) frenchOnly.get(LocaleFields.KEY)).remove(es);
    WriteResult created =
        sink.write(live(), List.of(new WriteOp.Upsert("r1", frenchOnly, ItemAction.DEFAULT, null)))
            .get(0);
    assertThat(sim.locales().items(collection, es)).isEmpty();

    // Spanish is mapped now; the simulator keeps Webflow's documented reading that an item has
    // variants only in the locales its create named, so the Spanish entry is refused (404).
    WriteResult r =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 5, "Thé", "Té"), ItemAction.DEFAULT, mapping(created))))
            .get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(r.error().code()).isEqualTo(WebflowErrorCodes.LOCALE_NOT_WRITTEN);
    assertThat(r.error().retryable()).isFalse();
    assertThat(r.error().message()).contains("made before a locale was mapped");
    assertThat(sim.items(collection))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.id()).isEqualTo(created.itemId());
              assertThat(i.fieldData().get("price").asDouble()).isEqualTo(5);
            });
    assertThat(variant(fr).fieldData().get("name").asText()).isEqualTo("Thé");
  }

  @Test
  void anAdoptedItemWithoutVariantsIsUpdatedNotCreatedAgain() {
    // An item holding the record's create key, made without variants (by hand, say).
    String seeded =
        sim.seedItem(collection, Json.object().put("name", "Tea").put("slug", "tea"), true);

    WriteResult r =
        sink()
            .write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null, "tea")),
                intentsIn(new InMemoryIdMapStore()))
            .get(0);

    // The variants' 404 must not pass for the item being gone: no second item.
    assertThat(sim.items(collection))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.id()).isEqualTo(seeded);
              assertThat(i.fieldData().get("price").asDouble()).isEqualTo(4);
            });
    assertThat(r.succeeded()).isFalse();
    assertThat(r.error().code()).isEqualTo(WebflowErrorCodes.LOCALE_NOT_WRITTEN);
  }

  @Test
  void aDeleteRemovesTheItemInEveryLocale() {
    SinkUnderTest sink = sink();
    WriteResult created =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);

    WriteResult deleted =
        sink.write(live(), List.of(new WriteOp.Delete("r1", mapping(created)))).get(0);

    assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(sim.items(collection)).isEmpty();
    assertThat(sim.locales().items(collection, fr)).isEmpty();
    assertThat(sim.locales().items(collection, es)).isEmpty();
  }

  @Test
  void anUnpublishTakesEveryVariantOffTheSite() {
    SinkUnderTest sink = sink();
    ConnectionConfig c = connection(PublishMode.LIVE, DeleteMode.UNPUBLISH);
    WriteResult created =
        sink.write(
                c,
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);
    assertThat(variant(fr).isLive()).isTrue();

    WriteResult r = sink.write(c, List.of(new WriteOp.Delete("r1", mapping(created)))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.UNPUBLISHED);
    assertThat(sim.liveItems(collection)).isEmpty();
    assertThat(variant(fr).isLive()).isFalse();
    assertThat(variant(es).isLive()).isFalse();
    assertThat(variant(fr).fieldData().get("name").asText()).isEqualTo("Thé");
  }

  @Test
  void anArchiveArchivesEveryVariant() {
    SinkUnderTest sink = sink();
    ConnectionConfig c = connection(PublishMode.STAGED, DeleteMode.ARCHIVE);
    WriteResult created =
        sink.write(
                c,
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)))
            .get(0);

    WriteResult r = sink.write(c, List.of(new WriteOp.Delete("r1", mapping(created)))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.ARCHIVED);
    assertThat(sim.items(collection).get(0).isArchived()).isTrue();
    assertThat(variant(fr).isArchived()).isTrue();
    assertThat(variant(es).isArchived()).isTrue();
  }

  @Test
  void variantsThatFailedAfterTheCreateAreWrittenOnTheRetryWithoutASecondItemOrVariant() {
    IdMapStore store = new InMemoryIdMapStore();
    SinkUnderTest sink = sink();
    // The create goes through; every PATCH of its variants fails (the client retries once).
    sim.addFault(Fault.serverError(503).on(SimOperation.UPDATE_ITEMS).times(2));

    WriteResult first =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)),
                intentsIn(store))
            .get(0);

    assertThat(first.succeeded()).isFalse();
    assertThat(first.error().code()).isEqualTo(WebflowErrorCodes.LOCALE_NOT_WRITTEN);
    assertThat(first.error().retryable()).isTrue();
    assertThat(variant(fr).fieldData().get("name").asText()).isEqualTo("Tea");
    sim.clearFaults();
    String key = store.findCreateIntents("c1", List.of("r1")).get("r1");
    assertThat(key).isEqualTo("tea");

    WriteResult retry =
        sink.write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null, key)),
                intentsIn(store))
            .get(0);

    assertThat(retry.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(sim.items(collection))
        .singleElement()
        .extracting(SimItem::id)
        .isEqualTo(retry.itemId());
    assertThat(sim.locales().items(collection, fr))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.id()).isEqualTo(retry.itemId());
              assertThat(v.liveFieldData().get("name").asText()).isEqualTo("Thé");
            });
    assertThat(sim.locales().items(collection, es))
        .singleElement()
        .satisfies(v -> assertThat(v.liveFieldData().get("name").asText()).isEqualTo("Té"));
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundAndItsVariantsWrittenWithoutASecondItem() {
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).times(1));

    WriteResult r =
        sink()
            .write(
                live(),
                List.of(
                    new WriteOp.Upsert(
                        "r1", fields("Tea", 4, "Thé", "Té"), ItemAction.DEFAULT, null)),
                intentsIn(new InMemoryIdMapStore()))
            .get(0);

    assertThat(r.succeeded()).isTrue();
    assertThat(sim.items(collection)).singleElement().extracting(SimItem::id).isEqualTo(r.itemId());
    assertThat(sim.locales().items(collection, fr))
        .singleElement()
        .satisfies(v -> assertThat(v.fieldData().get("name").asText()).isEqualTo("Thé"));
    assertThat(sim.locales().items(collection, es)).hasSize(1);
  }

  @Test
  void aMappingNamingALocaleTheSiteLacksIsRefusedNamingTheField() {
    TargetSchema schema = sink().schema(live());
    SourceSchema table =
        new SourceSchema(
            "tbl",
            "Products",
            "title",
            List.of(new SourceField("title", "Title", "recordtitlefield", SourceKind.TEXT, null)));
    JsonNode doc =
        Json.parseOrNull(
            "{\"fields\":{\"name\":\"Title\"},\"locales\":{\"de-DE\":{\"fields\":{\"name\":\"Title\"}}}}");

    assertThatThrownBy(() -> DefaultMappingCompiler.ofDefaults().compile(doc, table, schema))
        .isInstanceOf(MappingValidationException.class)
        .satisfies(
            e ->
                assertThat(((MappingValidationException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("locales.de-DE");
                          assertThat(p.message())
                              .isEqualTo(
                                  "unknown locale 'de-DE'; the target's secondary locales are"
                                      + " fr-FR (French), es (Spanish)");
                        }));
  }

  @Test
  void aMappedRecordReachesEveryLocaleThroughTheSchemaTheSinkReads() throws Exception {
    SinkUnderTest sink = sink();
    SourceSchema table =
        new SourceSchema(
            "tbl",
            "Products",
            "title",
            List.of(
                new SourceField("title", "Title", "recordtitlefield", SourceKind.TEXT, null),
                new SourceField("title_fr", "Title FR", "textfield", SourceKind.TEXT, null)));
    JsonNode doc =
        Json.parseOrNull(
            "{\"fields\":{\"name\":\"Title\"},\"locales\":{\"fr-FR\":{\"fields\":{\"name\":\"title_fr\"}}}}");
    CompiledMapping m =
        DefaultMappingCompiler.ofDefaults().compile(doc, table, sink.schema(live()));
    ObjectNode values = Json.object().put("id", "r1").put("title", "Tea").put("title_fr", "Thé");
    ObjectNode fd =
        m.map(new SourceRecord("r1", Instant.now(), values), MappingContext.NONE).fieldData();

    WriteResult r =
        sink.write(live(), List.of(new WriteOp.Upsert("r1", fd, ItemAction.DEFAULT, null))).get(0);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(variant(fr).fieldData().get("name").asText()).isEqualTo("Thé");
    // Spanish is not mapped: the item is created in the locales the mapping writes, no other.
    assertThat(sim.locales().items(collection, es)).isEmpty();
  }

  private static CreateIntents intentsIn(IdMapStore store) {
    return new CreateIntents() {
      @Override
      public void record(Map<String, String> keyByRecordId) {
        store.recordCreateIntents("c1", keyByRecordId);
      }

      @Override
      public Optional<String> recordOfItem(String itemId) {
        return store.findByItemId("c1", itemId).map(IdMapping::recordId);
      }
    };
  }
}
