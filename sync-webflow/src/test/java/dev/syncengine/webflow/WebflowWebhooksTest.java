package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.testing.webflow.Fault;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's side of two-way connections against the simulator: webhook registration (list before
 * create, webflow-openapi-v2.yml list-webhooks / create-webhook / remove-webhook) and parsing of
 * deliveries in the documented shapes.
 */
class WebflowWebhooksTest {
  private static final String TOKEN = "hooks-test-token-0123456789";
  private static final String URL_TOKEN = "url-token-abcdefghijklmnopqrstuvwxyz";
  private static final String URL = "https://sync.example.com/hooks/c1/" + URL_TOKEN + "/target";
  private WebflowSimulator sim;
  private String site;
  private String collection;
  private WebflowSink sink;

  @BeforeEach
  void start() {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    site = sim.createSite("Shop");
    collection = sim.createCollection(site, "Products", List.of());
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

  private ConnectionConfig connection(Credentials extra) {
    Credentials creds =
        Credentials.empty()
            .with(WebflowCredentials.TOKEN, TOKEN)
            .with(Credentials.WEBHOOK_TOKEN, URL_TOKEN);
    for (Map.Entry<String, String> e : extra.asMap().entrySet()) {
      creds = creds.with(e.getKey(), e.getValue());
    }
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", site, collection))
        .credentials(creds)
        .build();
  }

  private ConnectionConfig connection() {
    return connection(Credentials.empty());
  }

  @Test
  void registersTheFourItemTriggersOnceAndARepeatCreatesNothing() {
    Map<String, String> first = sink.ensureTargetWebhooks(connection(), URL);
    Map<String, String> again = sink.ensureTargetWebhooks(connection(), URL);

    assertThat(first).containsEntry("status", "created").containsEntry("created", "4");
    assertThat(again).containsEntry("status", "enabled").containsEntry("created", "0");
    assertThat(again.get("webhookIds")).isEqualTo(first.get("webhookIds"));
    assertThat(sim.webhooks().registrations(site))
        .extracting(w -> w.get("triggerType").asText())
        .containsExactlyInAnyOrder(
            "collection_item_created",
            "collection_item_changed",
            "collection_item_deleted",
            "collection_item_unpublished");
    assertThat(sim.stats().count(SimOperation.CREATE_WEBHOOK)).isEqualTo(4);
    assertThat(sim.stats().count(SimOperation.LIST_WEBHOOKS)).isEqualTo(2);
  }

  @Test
  void aCreateWhoseAnswerIsLostIsFoundByListingAndNeverMadeTwice() {
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_WEBHOOK).times(2));

    Map<String, String> status = sink.ensureTargetWebhooks(connection(), URL);
    sink.ensureTargetWebhooks(connection(), URL);

    assertThat(status).containsEntry("created", "4");
    assertThat(status.get("webhookIds").split(",")).hasSize(4).doesNotContain("");
    assertThat(sim.webhooks().registrations(site)).hasSize(4);
    assertThat(sim.stats().count(SimOperation.CREATE_WEBHOOK)).isEqualTo(4);
  }

  @Test
  void aFailedCreateThatMadeNothingFailsAndTheNextRoundRegisters() {
    sim.addFault(Fault.serverError(500).on(SimOperation.CREATE_WEBHOOK).times(1));

    assertThatThrownBy(() -> sink.ensureTargetWebhooks(connection(), URL))
        .isInstanceOf(dev.syncengine.core.spi.SyncException.class);
    assertThat(sim.webhooks().registrations(site)).isEmpty();
    sink.ensureTargetWebhooks(connection(), URL);
    assertThat(sim.webhooks().registrations(site)).hasSize(4);
  }

  @Test
  void removesOnlyTheRegistrationsOfItsUrl() {
    sink.ensureTargetWebhooks(connection(), URL);
    sink.ensureTargetWebhooks(connection(), "https://other.example.com/hook");

    sink.removeTargetWebhooks(connection(), URL);
    sink.removeTargetWebhooks(connection(), URL);

    assertThat(sim.webhooks().registrations(site))
        .hasSize(4)
        .allSatisfy(
            w -> assertThat(w.get("url").asText()).isEqualTo("https://other.example.com/hook"));
  }

  @Test
  void aConnectionWithoutASiteCannotRegister() {
    ConnectionConfig noSite =
        connection().toBuilder().target(new ResourceRef("webflow", null, collection)).build();
    assertThatThrownBy(() -> sink.ensureTargetWebhooks(noSite, URL))
        .isInstanceOf(dev.syncengine.core.spi.SyncException.class)
        .hasMessageContaining("site");
  }

  // ---- parsing deliveries ----

  private static IngestRequest request(String body, String token) {
    return IngestRequest.builder(body.getBytes(StandardCharsets.UTF_8))
        .contentType("application/json")
        .pathToken(token)
        .build();
  }

  private String created() {
    // webflow-openapi-v2.yml, webhooks.collection_item_created example
    return ("{'triggerType':'collection_item_created','payload':{'id':'580e64008c9a982ac9b8b754',"
            + "'workspaceId':'625860a7a6c16d624927122f','siteId':'"
            + site
            + "','collectionId':'"
            + collection
            + "','lastPublished':'2023-03-17T18:47:35.560Z','lastUpdated':"
            + "'2023-03-17T18:47:35.560Z','createdOn':'2023-03-17T18:47:35.560Z','isArchived':false,"
            + "'isDraft':false,'fieldData':{'name':'Pan-Galactic Gargle Blaster',"
            + "'slug':'pan-galactic-gargle-blaster'}}}")
        .replace('\'', '"');
  }

  @Test
  void readsTheDocumentedCreatedPayload() throws Exception {
    Instant now = Instant.parse("2026-12-07T11:00:00Z");
    List<TargetChange> out =
        sink.parseTargetChanges(connection(), request(created(), URL_TOKEN), now);

    assertThat(out)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.itemId()).isEqualTo("580e64008c9a982ac9b8b754");
              assertThat(c.trigger()).isEqualTo("collection_item_created");
              assertThat(c.kind()).isEqualTo(ChangeKind.UPSERT);
              assertThat(c.targetVersion()).isEqualTo(Instant.parse("2023-03-17T18:47:35.560Z"));
              assertThat(c.payload().at("/fieldData/slug").asText())
                  .isEqualTo("pan-galactic-gargle-blaster");
              assertThat(c.deliveryKey())
                  .isEqualTo(WebflowSignatures.deliveryKey(created().getBytes()));
              assertThat(c.receivedAt()).isEqualTo(now);
            });
  }

  @Test
  void unwrapsTheNestedShapeOfTheDescriptionsChangedExample() throws Exception {
    String nested = "{\"triggerType\":\"collection_item_changed\",\"payload\":" + created() + "}";
    List<TargetChange> out =
        sink.parseTargetChanges(connection(), request(nested, URL_TOKEN), Instant.now());
    assertThat(out)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.trigger()).isEqualTo("collection_item_changed");
              assertThat(c.itemId()).isEqualTo("580e64008c9a982ac9b8b754");
            });
  }

  @Test
  void readsADeleteWithoutFieldDataOrLastUpdated() throws Exception {
    Instant now = Instant.parse("2026-12-07T11:00:00Z");
    String body =
        "{\"triggerType\":\"collection_item_deleted\",\"payload\":{\"id\":\"i9\",\"collectionId\":\""
            + collection
            + "\"}}";
    assertThat(sink.parseTargetChanges(connection(), request(body, URL_TOKEN), now))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
              assertThat(c.targetVersion()).isEqualTo(now);
            });
  }

  @Test
  void aDeliveryForAnotherCollectionOfTheSiteParsesToNothing() throws Exception {
    String other = created().replace(collection, "someothercollection0001");
    assertThat(sink.parseTargetChanges(connection(), request(other, URL_TOKEN), Instant.now()))
        .isEmpty();
  }

  @Test
  void refusesAWrongOrMissingUrlToken() {
    assertThatThrownBy(
            () -> sink.parseTargetChanges(connection(), request(created(), "nope"), Instant.now()))
        .isInstanceOfSatisfying(
            IngressException.class,
            e -> assertThat(e.kind()).isEqualTo(IngressException.Kind.UNAUTHORIZED));
    assertThatThrownBy(
            () -> sink.parseTargetChanges(connection(), request(created(), null), Instant.now()))
        .isInstanceOf(IngressException.class);
  }

  @Test
  void withASecretEveryDeliveryMustBeSigned() throws Exception {
    ConnectionConfig signed =
        connection(
            Credentials.empty().with(WebflowCredentials.WEBHOOK_SECRET, "old, client-secret"));
    Instant now = Instant.parse("2026-12-07T11:00:00Z");
    byte[] body = created().getBytes(StandardCharsets.UTF_8);
    String sig =
        WebflowSignatures.of(List.of("client-secret"), java.time.Clock.systemUTC())
            .sign(now.toEpochMilli(), body);
    IngestRequest good =
        IngestRequest.builder(body)
            .pathToken(URL_TOKEN)
            .header(WebflowSignatures.TIMESTAMP_HEADER, String.valueOf(now.toEpochMilli()))
            .header(WebflowSignatures.SIGNATURE_HEADER, sig)
            .build();

    assertThat(sink.parseTargetChanges(signed, good, now)).hasSize(1);
    assertThatThrownBy(() -> sink.parseTargetChanges(signed, request(created(), URL_TOKEN), now))
        .isInstanceOf(IngressException.class)
        .hasMessageContaining("missing x-webflow-timestamp");
    assertThatThrownBy(() -> sink.parseTargetChanges(signed, good, now.plus(Duration.ofMinutes(6))))
        .isInstanceOf(IngressException.class)
        .hasMessageContaining("stale");
  }

  @Test
  void namesWhatIsWrongWithABadBody() {
    assertThat(malformed("[1]").getMessage()).contains("object");
    assertThat(malformed("{\"payload\":{}}").field()).isEqualTo("triggerType");
    assertThat(malformed("{\"triggerType\":\"form_submission\",\"payload\":{}}").field())
        .isEqualTo("triggerType");
    assertThat(malformed("{\"triggerType\":\"collection_item_changed\"}").field())
        .isEqualTo("payload");
    assertThat(malformed("{\"triggerType\":\"collection_item_changed\",\"payload\":{}}").field())
        .isEqualTo("payload.id");
    assertThat(
            malformed(
                    "{\"triggerType\":\"collection_item_changed\",\"payload\":{\"id\":\"i\","
                        + "\"lastUpdated\":\"yesterday\"}}")
                .field())
        .isEqualTo("payload.lastUpdated");
    assertThat(malformed("not json").getMessage()).contains("JSON");
  }

  private IngressException malformed(String body) {
    try {
      sink.parseTargetChanges(connection(), request(body, URL_TOKEN), Instant.now());
    } catch (IngressException e) {
      assertThat(e.kind()).isEqualTo(IngressException.Kind.MALFORMED);
      return e;
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void theSimulatorDeliversEditsInTheDocumentedShape() throws Exception {
    // A receiver is not needed to see what the simulator sends: an unreachable URL is recorded.
    sink.ensureTargetWebhooks(connection(), "http://127.0.0.1:9/unreachable");
    ObjectNode fd = Json.object().put("name", "Chair").put("slug", "chair");
    String item = sim.seedItem(collection, fd, false);
    sim.webhooks().editItem(collection, item, Json.object().put("name", "Armchair"));

    dev.syncengine.testing.Await.until(
        Duration.ofSeconds(10), () -> "a delivery", () -> !sim.webhooks().deliveries().isEmpty());
    var d = sim.webhooks().deliveries().get(0);
    var body = Json.parseOrNull(d.bodyText());
    assertThat(body.get("triggerType").asText()).isEqualTo("collection_item_changed");
    for (String required : List.of("id", "workspaceId", "siteId", "collectionId", "fieldData")) {
      assertThat(body.path("payload").has(required)).as(required).isTrue();
    }
    assertThat(body.at("/payload/fieldData/name").asText()).isEqualTo("Armchair");
    assertThat(d.signature()).isNull();
    assertThat(d.attempts()).isEqualTo(3);
  }
}
