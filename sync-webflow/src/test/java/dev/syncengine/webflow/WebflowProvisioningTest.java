package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collection and field creation through {@link WebflowSink} as a {@link
 * dev.syncengine.core.spi.TargetProvisioning}, against the simulator; every request it sends is
 * checked against webflow-openapi-v2.yml.
 */
class WebflowProvisioningTest {
  private static final String TOKEN = "provisioning-test-token-0123";
  private WebflowSimulator sim;
  private String site;
  private WebflowSink sink;
  private ConnectionConfig connection;

  @BeforeEach
  void start() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    site = sim.createSite("Shop");
    sink =
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .retryDelay(Duration.ofMillis(5))
                        .readTimeout(Duration.ofSeconds(2)))
            .build();
    connection =
        ConnectionConfig.builder("c1")
            .source(new ResourceRef("smartsuite", "sol", "tbl"))
            .target(new ResourceRef("webflow", site, "new"))
            .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, TOKEN))
            .build();
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

  private static ProposedField field(String slug, TargetKind kind, List<String> options) {
    return new ProposedField(
        "s_" + slug, "The " + slug, slug, kind, null, false, options, null, null);
  }

  @Test
  void createsACollectionWithOptionAndReferenceFieldsThatItemWritesThenAccept() {
    String suppliers = sim.createCollection(site, "Suppliers", List.of());
    TargetSchema col = sink.createCollection(connection, "Products", "Product", "products");

    assertThat(col.field("name")).isPresent();
    assertThat(col.field("slug")).isPresent();
    TargetField price =
        sink.createField(
            connection, col.collectionId(), field("price", TargetKind.NUMBER, null), null);
    TargetField kind =
        sink.createField(
            connection,
            col.collectionId(),
            field("kind", TargetKind.OPTION, List.of("Tea", "Cup")),
            null);
    TargetField supplier =
        sink.createField(
            connection,
            col.collectionId(),
            field("supplier", TargetKind.REFERENCE, null),
            suppliers);
    TargetField related =
        sink.createField(
            connection,
            col.collectionId(),
            field("related", TargetKind.MULTI_REFERENCE, null),
            col.collectionId());

    assertThat(price.type()).isEqualTo("Number");
    assertThat(kind.validations().path("options").findValuesAsText("name"))
        .containsExactly("Tea", "Cup");
    assertThat(supplier.validations().path("collectionId").asText()).isEqualTo(suppliers);
    assertThat(related.kind()).isEqualTo(TargetKind.MULTI_REFERENCE);
    TargetSchema read = sink.findCollection(connection, "products").orElseThrow();
    assertThat(read.fields())
        .extracting(TargetField::slug)
        .containsExactly("name", "slug", "price", "kind", "supplier", "related");
    assertThat(read.field("price").orElseThrow().displayName()).isEqualTo("The price");
  }

  @Test
  void aRetriedCreateWhoseAnswerWasLostMakesNoSecondCollectionOrField() {
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_COLLECTION).times(1));
    TargetSchema col = sink.createCollection(connection, "Products", "Product", "products");
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_FIELD).times(1));
    TargetField price =
        sink.createField(
            connection, col.collectionId(), field("price", TargetKind.NUMBER, null), null);
    // and a plain retry of both, as after a crash
    TargetSchema again = sink.createCollection(connection, "Products", "Product", "products");
    TargetField priceAgain =
        sink.createField(
            connection, col.collectionId(), field("price", TargetKind.NUMBER, null), null);

    assertThat(again.collectionId()).isEqualTo(col.collectionId());
    assertThat(priceAgain.id()).isEqualTo(price.id());
    assertThat(sim.schema(col.collectionId()).slugs()).containsExactly("name", "slug", "price");
    assertThat(sim.stats().count(SimOperation.CREATE_COLLECTION)).isEqualTo(1L);
    assertThat(sim.stats().count(SimOperation.CREATE_FIELD)).isEqualTo(1L);
  }

  @Test
  void theSimulatorRefusesADuplicateCollectionNameAndAFieldWithoutOptions() {
    sim.createCollection(site, "Products", List.of(SimField.optional("price", "Number")));
    assertThatThrownBy(() -> sink.createCollection(connection, "Products", "Product", "goods"))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("Collection already exists");
    TargetSchema col = sink.createCollection(connection, "Goods", "Good", "goods");
    assertThatThrownBy(
            () ->
                sink.createField(
                    connection,
                    col.collectionId(),
                    field("kind", TargetKind.OPTION, List.of()),
                    null))
        .isInstanceOf(SyncException.class)
        .satisfies(
            e -> assertThat(((SyncException) e).error().field()).isEqualTo("metadata.options"));
    assertThat(sim.schema(col.collectionId()).slugs()).containsExactly("name", "slug");
  }

  @Test
  void onlyTheTypesCreateFieldListsCanBeCreated() {
    assertThat(sink.canCreate(TargetKind.TEXT)).isTrue();
    assertThat(sink.canCreate(TargetKind.MULTI_REFERENCE)).isTrue();
    assertThat(sink.canCreate(TargetKind.UNSUPPORTED)).isFalse();
    assertThat(sink.typeName(TargetKind.DATE_TIME)).isEqualTo("DateTime");
  }

  @Test
  void aFieldBeyondWebflowsSixtyPerCollectionIsRefusedNamingTheLimitWithoutARequest() {
    List<SimField> custom = new ArrayList<>();
    for (int i = 0; i < WebflowLimits.MAX_FIELDS_PER_COLLECTION - 2; i++) {
      custom.add(SimField.optional("f" + i, "PlainText")); // with name and slug: 60 fields
    }
    String full = sim.createCollection(site, "Full", custom);
    int postsBefore = countPosts();

    assertThatThrownBy(
            () -> sink.createField(connection, full, field("extra", TargetKind.TEXT, null), null))
        .isInstanceOfSatisfying(
            SyncException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT);
              assertThat(e.error().field()).isEqualTo("extra");
              assertThat(e.error().retryable()).isFalse();
              assertThat(e.getMessage()).contains("60 fields").contains("60 per collection");
            });
    assertThat(countPosts()).as("nothing sent").isEqualTo(postsBefore);
    // a field already there is still found: the limit refuses only what would be added
    assertThat(sink.createField(connection, full, field("f0", TargetKind.TEXT, null), null).slug())
        .isEqualTo("f0");
  }

  @Test
  void theSimulatorRefusesAFieldBeyondItsPlanLimit() {
    sim.planLimits().maxFieldsPerCollection(3);
    String col = sim.createCollection(site, "Small", List.of(SimField.optional("a", "PlainText")));

    assertThatThrownBy(
            () -> sink.createField(connection, col, field("b", TargetKind.TEXT, null), null))
        .isInstanceOfSatisfying(
            SyncException.class, e -> assertThat(e.getMessage()).contains("limit of 3 fields"));
  }

  private int countPosts() {
    return (int) sim.recordedRequests().stream().filter(r -> r.method().equals("POST")).count();
  }
}
