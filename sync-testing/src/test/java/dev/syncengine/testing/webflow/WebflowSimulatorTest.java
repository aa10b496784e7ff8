package dev.syncengine.testing.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebflowSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebflowSimulator sim;
  private String collection;

  private void start(WebflowSimulator.Builder b) {
    sim = b.start();
    collection =
        sim.createCollection(
            sim.createSite("Shop"),
            "Products",
            List.of(SimField.required("sku", "PlainText"), SimField.optional("price", "Number")));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Authorization", "Bearer t1")
            .header("Content-Type", "application/json");
    r.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static String item(String slug) {
    return "{'fieldData':{'name':'N " + slug + "','slug':'" + slug + "','sku':'S','price':1}}";
  }

  @Test
  void createsListsAndPaginatesItems() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    StringBuilder items = new StringBuilder("{'items':[");
    for (int i = 0; i < 5; i++) {
      items.append(i == 0 ? "" : ",").append(item("s" + i));
    }
    HttpResponse<String> created =
        send("POST", "/collections/" + collection + "/items", items + "]}");

    HttpResponse<String> page =
        send("GET", "/collections/" + collection + "/items?offset=2&limit=2", null);
    HttpResponse<String> bySlug =
        send("GET", "/collections/" + collection + "/items?slug=s3", null);

    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(json(created).get("items")).hasSize(5);
    assertThat(json(page).path("pagination").path("total").asInt()).isEqualTo(5);
    assertThat(json(page).get("items"))
        .extracting(n -> n.at("/fieldData/slug").asText())
        .containsExactly("s2", "s3");
    assertThat(json(bySlug).get("items"))
        .singleElement()
        .extracting(n -> n.at("/fieldData/slug").asText())
        .isEqualTo("s3");
    assertThat(sim.items(collection)).allMatch(SimItem::isDraft);
  }

  @Test
  void rejectsAWholeBatchForOneDuplicateSlugMissingFieldOrWrongType() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    send("POST", "/collections/" + collection + "/items", item("taken"));

    HttpResponse<String> dup =
        send(
            "POST",
            "/collections/" + collection + "/items",
            "{'items':[" + item("ok") + "," + item("taken") + "]}");
    HttpResponse<String> missing =
        send(
            "POST",
            "/collections/" + collection + "/items",
            "{'fieldData':{'name':'x','slug':'x'}}");
    HttpResponse<String> type =
        send(
            "POST",
            "/collections/" + collection + "/items",
            "{'fieldData':{'name':'x','slug':'x','sku':'s','price':'cheap'}}");

    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(json(dup).path("code").asText()).isEqualTo("validation_error");
    assertThat(json(dup).at("/details/0/param").asText()).isEqualTo("slug");
    assertThat(json(dup).at("/details/0/description").asText())
        .isEqualTo("Unique value is already in database: 'taken'");
    assertThat(json(missing).at("/details/0/param").asText()).isEqualTo("sku");
    assertThat(json(type).at("/details/0/param").asText()).isEqualTo("price");
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("taken");
  }

  @Test
  void refusesALiveUpdateOfANeverPublishedItemAndPublishesOnRequest() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    String id =
        json(send("POST", "/collections/" + collection + "/items", item("a"))).get("id").asText();

    HttpResponse<String> conflict =
        send(
            "PATCH",
            "/collections/" + collection + "/items/live",
            "{'items':[{'id':'" + id + "','fieldData':{'price':2}}]}");
    HttpResponse<String> publish =
        send(
            "POST",
            "/collections/" + collection + "/items/publish",
            "{'itemIds':['" + id + "','nope']}");

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(json(publish).get("publishedItemIds"))
        .extracting(JsonNode::asText)
        .containsExactly(id);
    assertThat(json(publish).get("errors")).hasSize(1);
    assertThat(sim.liveItems(collection)).hasSize(1);
  }

  @Test
  void rateLimitsPerTokenWithWebflowsHeadersAndBody() throws Exception {
    start(WebflowSimulator.builder().rateLimit(2, Duration.ofSeconds(30)));

    HttpResponse<String> first = send("GET", "/sites", null);
    send("GET", "/sites", null);
    HttpResponse<String> third = send("GET", "/sites", null);

    assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("2");
    assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("1");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json(third).path("code").asText()).isEqualTo("too_many_requests");
    assertThat(Integer.parseInt(third.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 30);
    assertThat(sim.stats().rateLimited()).isEqualTo(1);
  }

  @Test
  void appliesACreateButDropsTheConnectionWhenTheResponseIsLost() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    sim.addFault(Fault.responseLostAfterCommit().on(SimOperation.CREATE_ITEMS).times(1));

    assertThatThrownBy(() -> send("POST", "/collections/" + collection + "/items", item("lost")))
        .isInstanceOf(IOException.class);
    assertThat(sim.items(collection)).extracting(SimItem::slug).containsExactly("lost");
    assertThat(sim.stats().faultsInjected()).isEqualTo(1);
  }

  @Test
  void injectsServerErrorsWithoutApplyingTheRequest() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    sim.addFault(Fault.serverError(503).on(SimOperation.CREATE_ITEMS).times(1));

    HttpResponse<String> r = send("POST", "/collections/" + collection + "/items", item("x"));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(sim.items(collection)).isEmpty();
  }

  @Test
  void refusesUnknownTokens() throws Exception {
    start(WebflowSimulator.builder().tokens("other").rateLimit(0, Duration.ofSeconds(1)));

    assertThat(send("GET", "/sites", null).statusCode()).isEqualTo(401);
  }

  @Test
  void servesConcurrentClientsWithoutLosingOrMixingAnswers() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    int perThread = 100;
    List<Future<Integer>> runs =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(
                t ->
                    pool.submit(
                        () -> {
                          int ok = 0;
                          for (int i = 0; i < perThread; i++) {
                            ok +=
                                send("GET", "/collections/" + collection + "/items?limit=1", null)
                                            .statusCode()
                                        == 200
                                    ? 1
                                    : 0;
                          }
                          return ok;
                        }))
            .toList();
    int ok = 0;
    for (Future<Integer> f : runs) {
      ok += f.get();
    }
    pool.shutdown();

    // Throughput is measured by the benchmarks, not here: this checks correctness under load.
    assertThat(ok).isEqualTo(800);
    assertThat(sim.stats().count(SimOperation.LIST_ITEMS)).isEqualTo(800);
  }

  @Test
  void keepsADeletedItemsSlugTakenUntilTheSitePublishWhenAskedTo() throws Exception {
    start(WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).reserveDeletedSlugs(true));
    String site = sim.createSite("Other");
    collection =
        sim.createCollection(
            site,
            "Things",
            List.of(SimField.required("sku", "PlainText"), SimField.optional("price", "Number")));
    String path = "/collections/" + collection + "/items";
    String id =
        json(send("POST", path, "{'items':[" + item("gone") + "]}")).at("/items/0/id").asText();
    assertThat(send("DELETE", path, "{'items':[{'id':'" + id + "'}]}").statusCode()).isEqualTo(204);

    HttpResponse<String> again = send("POST", path, "{'items':[" + item("gone") + "]}");
    HttpResponse<String> listed = send("GET", path + "?slug=gone", null);

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again).path("code").asText()).isEqualTo("validation_error");
    assertThat(json(again).at("/details/0/param").asText()).isEqualTo("slug");
    assertThat(json(again).at("/details/0/description").asText())
        .isEqualTo("Unique value is already in database: 'gone'");
    assertThat(json(listed).get("items")).isEmpty();

    assertThat(
            send("POST", "/sites/" + site + "/publish", "{'publishToWebflowSubdomain':true}")
                .statusCode())
        .isEqualTo(202);
    assertThat(send("POST", path, "{'items':[" + item("gone") + "]}").statusCode()).isEqualTo(202);
  }
}
