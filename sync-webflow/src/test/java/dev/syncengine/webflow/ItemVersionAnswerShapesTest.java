package dev.syncengine.webflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write answers in shapes the simulator does not give: with {@code lastUpdated} the version is read
 * from them, and an answer that leaves it out (or names no item) gives no version, never an
 * invented one.
 */
class ItemVersionAnswerShapesTest extends ContractCheckingWireMock {
  private static final String CID = "580e63fc8c9a982ac9b8b745";
  private static final String ITEM = "42b720ef280c7a7a3be8cabe";
  private SinkUnderTest sink;
  private ConnectionConfig connection;

  @BeforeEach
  void setUp() {
    sink =
        new SinkUnderTest(
            WebflowSink.builder()
                .client(
                    c ->
                        c.baseUrl(baseUrl())
                            .rateLimitPerMinute(1_000_000)
                            .rateLimiters(RateLimiterRegistry.create())
                            .maxRetries(0)
                            .retryDelay(Duration.ofMillis(5)))
                .build());
    connection =
        ConnectionConfig.builder("c1")
            .source(new ResourceRef("smartsuite", "sol", "tbl"))
            .target(new ResourceRef("webflow", "65427cf400e02b306eaa049c", CID))
            .publishMode(PublishMode.DRAFT)
            .deleteMode(DeleteMode.DELETE)
            .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, "t-0123456789"))
            .build();
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/" + CID + "/items"))
            .willReturn(
                okJson("{\"items\":[],\"pagination\":{\"limit\":100,\"offset\":0,\"total\":0}}")));
  }

  private static String item(String lastUpdated) {
    return "{\"id\":\""
        + ITEM
        + "\",\"isDraft\":true,\"isArchived\":false,"
        + (lastUpdated == null ? "" : "\"lastUpdated\":\"" + lastUpdated + "\",")
        + "\"fieldData\":{\"name\":\"Chair\",\"slug\":\"chair\"}}";
  }

  private WriteResult create() {
    return sink.write(
            connection,
            List.of(
                new WriteOp.Upsert(
                    "r1",
                    Json.object().put("name", "Chair").put("slug", "chair"),
                    ItemAction.DEFAULT,
                    null)))
        .get(0);
  }

  private WriteResult update(Instant before) {
    IdMapping m =
        new IdMapping(
            "c1",
            "r1",
            ITEM,
            Instant.now(),
            Json.object().put("name", "Chair").put("slug", "chair"),
            null,
            "draft",
            Instant.now(),
            before);
    return sink.write(
            connection,
            List.of(
                new WriteOp.Upsert(
                    "r1",
                    Json.object().put("name", "Armchair").put("slug", "chair"),
                    ItemAction.DEFAULT,
                    m)))
        .get(0);
  }

  @Test
  void readsTheVersionFromTheDocumentedAnswers() {
    wm.stubFor(
        post(urlPathEqualTo("/v2/collections/" + CID + "/items"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"items\":[" + item("2022-11-17T17:19:43.282Z") + "]}")));
    wm.stubFor(
        patch(urlPathEqualTo("/v2/collections/" + CID + "/items"))
            .willReturn(okJson("{\"items\":[" + item("2022-11-18T09:00:00.001Z") + "]}")));

    WriteResult created = create();
    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(created.targetVersion()).isEqualTo(Instant.parse("2022-11-17T17:19:43.282Z"));

    WriteResult updated = update(created.targetVersion());
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.targetVersion()).isEqualTo(Instant.parse("2022-11-18T09:00:00.001Z"));
  }

  @Test
  void anAnswerWithoutLastUpdatedGivesNoVersion() {
    wm.stubFor(
        post(urlPathEqualTo("/v2/collections/" + CID + "/items"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"items\":[" + item(null) + "]}")));
    wm.stubFor(patch(urlPathEqualTo("/v2/collections/" + CID + "/items")).willReturn(okJson("{}")));

    WriteResult created = create();
    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(created.targetVersion()).isNull();

    WriteResult updated = update(Instant.parse("2022-11-17T17:19:43.282Z"));
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.targetVersion())
        .as("an answer naming no item says nothing of the version; the old one is not ours now")
        .isNull();
  }
}
