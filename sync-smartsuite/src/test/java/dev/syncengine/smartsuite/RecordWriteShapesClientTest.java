package dev.syncengine.smartsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.RecordWriter.Written;
import dev.syncengine.core.spi.SyncException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write answers SmartSuite documents, and the plausible ones it does not: the update-record
 * page's 200 example is a record without {@code id} or {@code last_updated}, so the writer reads
 * the record for its version; a bulk answer in {@code {"items": [...]}} is read like the documented
 * bare array; a failed create is never sent twice by the client; the delete-record page shows no
 * answer, so any 2xx counts as deleted.
 */
class RecordWriteShapesClientTest {
  private static final String TABLE_PATH = "/api/v1/applications/tbl/";
  private WireMockServer wm;
  private RecordWriter writer;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    wm.stubFor(
        get(urlPathEqualTo(TABLE_PATH))
            .willReturn(
                okJson(
                    "{\"id\":\"tbl\",\"name\":\"T\",\"primary_field\":\"title\",\"structure\":["
                        + "{\"slug\":\"title\",\"label\":\"Title\",\"field_type\":\"recordtitlefield\",\"params\":{}},"
                        + "{\"slug\":\"s_price\",\"label\":\"Price\",\"field_type\":\"currencyfield\",\"params\":{}},"
                        + "{\"slug\":\"s_wf\",\"label\":\"Item\",\"field_type\":\"textfield\",\"params\":{}}]}")));
    String key = "key-" + UUID.randomUUID();
    SmartSuiteSource source =
        SmartSuiteSource.builder()
            .client(
                c ->
                    c.baseUrl(wm.baseUrl() + "/api/v1")
                        .webhooksUrl(wm.baseUrl() + "/hooks")
                        .retryDelay(Duration.ofMillis(10))
                        .requestsPerSecond(50))
            .build();
    ConnectionConfig connection =
        ConnectionConfig.builder("c1")
            .source(new ResourceRef("smartsuite", "sol1", "tbl"))
            .target(new ResourceRef("webflow", "site1", "col1"))
            .ingestionMode(IngestionMode.POLLING)
            .credentials(
                Credentials.of(
                    Map.of(
                        SmartSuiteCredentials.API_KEY,
                        key,
                        SmartSuiteCredentials.ACCOUNT_ID,
                        "wsp12345")))
            .build();
    writer = source.open(connection).writer().orElseThrow();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void anUpdateAnsweredLikeTheDocsExampleReadsTheRecordForItsVersion() {
    wm.stubFor(
        patch(urlEqualTo(TABLE_PATH + "records/r1/"))
            .willReturn(okJson("{\"title\":\"Record 1\"}")));
    wm.stubFor(
        get(urlEqualTo(TABLE_PATH + "records/r1/"))
            .willReturn(
                okJson(
                    "{\"id\":\"r1\",\"last_updated\":{\"by\":\"u\",\"on\":\"2026-01-02T03:04:05.123456Z\"}}")));

    Written w =
        writer.update(
            "r1",
            Map.of("Price", TextNode.valueOf("12.50"), "title", TextNode.valueOf("Record 1")));

    assertThat(w.lastUpdated()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    wm.verify(
        patchRequestedFor(urlEqualTo(TABLE_PATH + "records/r1/"))
            .withHeader("ACCOUNT-ID", equalTo("wsp12345"))
            .withRequestBody(equalToJson("{\"s_price\":\"12.50\",\"title\":\"Record 1\"}")));
    wm.verify(1, getRequestedFor(urlEqualTo(TABLE_PATH + "records/r1/")));
  }

  @Test
  void aBulkAnswerWrappedInItemsIsReadAndRecordsWithoutVersionAreFetched() {
    wm.stubFor(
        patch(urlEqualTo(TABLE_PATH + "records/bulk/"))
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"r1\",\"last_updated\":{\"on\":\"2026-01-02T00:00:01.000000Z\"}},"
                        + "{\"id\":\"r2\"}]}")));
    wm.stubFor(
        get(urlEqualTo(TABLE_PATH + "records/r2/"))
            .willReturn(
                okJson(
                    "{\"id\":\"r2\",\"last_updated\":{\"on\":\"2026-01-02T00:00:02.000000Z\"}}")));
    Map<String, Map<String, JsonNode>> updates = new LinkedHashMap<>();
    updates.put("r1", Map.of("s_price", TextNode.valueOf("1")));
    updates.put("r2", Map.of("s_price", TextNode.valueOf("2")));

    List<Written> w = writer.updateAll(updates);

    assertThat(w)
        .extracting(Written::lastUpdated)
        .containsExactly(
            Instant.parse("2026-01-02T00:00:01Z"), Instant.parse("2026-01-02T00:00:02Z"));
    wm.verify(
        patchRequestedFor(urlEqualTo(TABLE_PATH + "records/bulk/"))
            .withRequestBody(
                equalToJson(
                    "{\"items\":[{\"s_price\":\"1\",\"id\":\"r1\"},{\"s_price\":\"2\",\"id\":\"r2\"}]}")));
  }

  @Test
  void aCreateThatFailsIsSentOnceAndFailsRetryableWhenNoRecordCarriesTheMarker() {
    wm.stubFor(
        post(urlPathEqualTo(TABLE_PATH + "records/list/"))
            .willReturn(okJson("{\"total\":0,\"items\":[]}")));
    wm.stubFor(post(urlEqualTo(TABLE_PATH + "records/")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(
            () -> writer.create("Item", "item-7", Map.of("title", TextNode.valueOf("New"))))
        .isInstanceOf(SyncException.class)
        .matches(e -> ((SyncException) e).error().retryable());

    wm.verify(1, postRequestedFor(urlEqualTo(TABLE_PATH + "records/")));
    // looked up before creating, and again once the outcome was unknown
    wm.verify(
        2,
        postRequestedFor(urlPathEqualTo(TABLE_PATH + "records/list/"))
            .withRequestBody(
                equalToJson(
                    "{\"filter\":{\"operator\":\"and\",\"fields\":[{\"field\":\"s_wf\",\"comparison\":\"is\",\"value\":\"item-7\"}]}}",
                    true,
                    true)));
  }

  @Test
  void aDeleteSendsNoBodyAndTakesAny2xxAnswerWhateverItsBody() {
    // delete-record shows the request (curl -X DELETE .../records/[recordId]/, no --data) and no
    // answer: an empty 204, a record, {} and a body that is not JSON all mean deleted
    wm.stubFor(
        delete(urlEqualTo(TABLE_PATH + "records/r1/")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        delete(urlEqualTo(TABLE_PATH + "records/r2/"))
            .willReturn(
                okJson(
                    "{\"id\":\"r2\",\"deleted_date\":{\"date\":\"2026-01-02T00:00:00Z\",\"include_time\":true}}")));
    wm.stubFor(delete(urlEqualTo(TABLE_PATH + "records/r3/")).willReturn(okJson("{}")));
    wm.stubFor(
        delete(urlEqualTo(TABLE_PATH + "records/r4/"))
            .willReturn(aResponse().withStatus(200).withBody("Deleted")));
    wm.stubFor(
        delete(urlEqualTo(TABLE_PATH + "records/r5/"))
            .willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"Not found.\"}")));
    wm.stubFor(
        delete(urlEqualTo(TABLE_PATH + "records/r6/"))
            .willReturn(aResponse().withStatus(403).withBody("{\"detail\":\"no permission\"}")));

    for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
      writer.delete(id);
    }
    assertThatThrownBy(() -> writer.delete("r6"))
        .isInstanceOf(SmartSuiteApiException.class)
        .matches(e -> !((SyncException) e).error().retryable());

    wm.verify(
        deleteRequestedFor(urlEqualTo(TABLE_PATH + "records/r1/"))
            .withHeader("ACCOUNT-ID", equalTo("wsp12345"))
            .withRequestBody(absent()));
    wm.verify(1, deleteRequestedFor(urlEqualTo(TABLE_PATH + "records/r5/"))); // 404: not retried
    wm.verify(1, deleteRequestedFor(urlEqualTo(TABLE_PATH + "records/r6/")));
    assertThat(wm.getAllServeEvents())
        .allMatch(e -> e.getRequest().getMethod().getName().equals("DELETE"));
  }
}
