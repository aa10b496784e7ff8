package dev.syncengine.testing.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.syncengine.testing.Await;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's webhooks follow Webflow's documents: routes, payloads, signatures, retries. */
class SimWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String[]> received = new CopyOnWriteArrayList<>(); // body, ts, signature
  private final AtomicInteger answer = new AtomicInteger(200);
  private WebflowSimulator sim;
  private HttpServer receiver;
  private String site;
  private String collection;
  private String url;

  @BeforeEach
  void start() throws Exception {
    sim = WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).start();
    site = sim.createSite("Shop");
    collection = sim.createCollection(site, "Products", List.of());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          received.add(
              new String[] {
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                ex.getRequestHeaders().getFirst("x-webflow-timestamp"),
                ex.getRequestHeaders().getFirst("x-webflow-signature")
              });
          ex.sendResponseHeaders(answer.get(), -1);
          ex.close();
        });
    receiver.start();
    url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
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

  private String register(String trigger) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/sites/" + site + "/webhooks",
            "{'triggerType':'" + trigger + "','url':'" + url + "'}");
    assertThat(r.statusCode()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private JsonNode awaitDelivery(int n) throws Exception {
    Await.until(Duration.ofSeconds(10), () -> n + " deliveries", () -> received.size() >= n);
    return JSON.readTree(received.get(n - 1)[0]);
  }

  @Test
  void aWritesAnswerAndItsDeliveryCarryTheSameLastUpdatedToTheMillisecond() throws Exception {
    for (String t :
        List.of(
            "collection_item_created", "collection_item_changed", "collection_item_unpublished")) {
      register(t);
    }
    String items = "/collections/" + collection + "/items";

    JsonNode created =
        JSON.readTree(
            send("POST", items + "/live", "{'fieldData':{'name':'Chair','slug':'chair'}}").body());
    String id = created.get("id").asText();
    // at once, most likely in the same millisecond as the create: still a change, not a create
    JsonNode one =
        JSON.readTree(send("PATCH", items + "/" + id, "{'fieldData':{'name':'Armchair'}}").body());
    JsonNode bulk =
        JSON.readTree(
            send("PATCH", items, "{'items':[{'id':'" + id + "','fieldData':{'name':'Seat'}}]}")
                .body());
    assertThat(send("DELETE", items + "/live", "{'items':[{'id':'" + id + "'}]}").statusCode())
        .isEqualTo(204);
    JsonNode shown = JSON.readTree(send("GET", items + "/" + id, null).body());

    List<String> answered =
        List.of(
            created.get("lastUpdated").asText(),
            one.get("lastUpdated").asText(),
            bulk.at("/items/0/lastUpdated").asText(),
            shown.get("lastUpdated").asText());
    List<String> triggers =
        List.of(
            "collection_item_created",
            "collection_item_changed",
            "collection_item_changed",
            "collection_item_unpublished");
    for (int i = 0; i < 4; i++) {
      JsonNode d = awaitDelivery(i + 1);
      assertThat(d.get("triggerType").asText()).isEqualTo(triggers.get(i));
      assertThat(d.at("/payload/lastUpdated").asText())
          .as("delivery %d: the item's lastUpdated as the write left it", i)
          .isEqualTo(answered.get(i));
      assertThat(Instant.parse(answered.get(i)).getNano() % 1_000_000)
          .as("Webflow's dates are to the millisecond ('2022-11-17T17:19:43.282Z')")
          .isZero();
    }
  }

  @Test
  void registersListsGetsAndDeletesWebhooksAsTheDescriptionSays() throws Exception {
    String id = register("collection_item_changed");

    JsonNode list = JSON.readTree(send("GET", "/sites/" + site + "/webhooks", null).body());
    assertThat(list.at("/webhooks/0/id").asText()).isEqualTo(id);
    assertThat(list.at("/webhooks/0/url").asText()).isEqualTo(url);
    assertThat(list.at("/pagination/total").asInt()).isEqualTo(1);
    assertThat(send("GET", "/webhooks/" + id, null).statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/webhooks/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/webhooks/" + id, null).statusCode()).isEqualTo(404);
    assertThat(
            send(
                    "POST",
                    "/sites/" + site + "/webhooks",
                    "{'triggerType':'item_moved','url':'" + url + "'}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send(
                    "POST",
                    "/sites/" + site + "/webhooks",
                    "{'triggerType':'collection_item_changed'}")
                .statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/sites/nosuchsite/webhooks", null).statusCode()).isEqualTo(404);
  }

  @Test
  void deliversApiWritesWithTheDocumentedPayloadAndSignature() throws Exception {
    sim.webhooks().signWith("client-secret");
    for (String t :
        List.of(
            "collection_item_created",
            "collection_item_changed",
            "collection_item_unpublished",
            "collection_item_deleted")) {
      register(t);
    }
    HttpResponse<String> made =
        send(
            "POST",
            "/collections/" + collection + "/items/live",
            "{'items':[{'fieldData':{'name':'Chair','slug':'chair'}}]}");
    String item = JSON.readTree(made.body()).at("/items/0/id").asText();
    send(
        "PATCH",
        "/collections/" + collection + "/items",
        "{'items':[{'id':'" + item + "','fieldData':{'name':'Armchair'}}]}");
    send(
        "DELETE",
        "/collections/" + collection + "/items/live",
        "{'items':[{'id':'" + item + "'}]}");
    send("DELETE", "/collections/" + collection + "/items", "{'items':[{'id':'" + item + "'}]}");

    JsonNode created = awaitDelivery(1);
    assertThat(created.get("triggerType").asText()).isEqualTo("collection_item_created");
    for (String f :
        List.of("id", "workspaceId", "siteId", "collectionId", "fieldData", "lastUpdated")) {
      assertThat(created.path("payload").has(f)).as(f).isTrue();
    }
    assertThat(awaitDelivery(2).at("/payload/fieldData/name").asText()).isEqualTo("Armchair");
    assertThat(awaitDelivery(2).get("triggerType").asText()).isEqualTo("collection_item_changed");
    assertThat(awaitDelivery(3).get("triggerType").asText())
        .isEqualTo("collection_item_unpublished");
    assertThat(awaitDelivery(4).get("triggerType").asText()).isEqualTo("collection_item_deleted");
    String[] first = received.get(0);
    assertThat(first[2])
        .isEqualTo(
            SimWebhooks.sign(
                "client-secret",
                Long.parseLong(first[1]),
                first[0].getBytes(StandardCharsets.UTF_8)));
    assertThat(Long.parseLong(first[1]))
        .isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
  }

  @Test
  void retriesAnUnacknowledgedDeliveryAndCanReplayOrRestampIt() throws Exception {
    register("collection_item_changed");
    String item =
        sim.seedItem(
            collection, JSON.createObjectNode().put("name", "Chair").put("slug", "chair"), false);
    answer.set(500);
    sim.webhooks().editItem(collection, item, JSON.createObjectNode().put("name", "Stool"));
    Await.until(
        Duration.ofSeconds(10),
        () -> "a recorded delivery",
        () -> !sim.webhooks().deliveries().isEmpty());

    SimDelivery d = sim.webhooks().deliveries().get(0);
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.status()).isEqualTo(500);
    assertThat(d.signature()).isNull();
    assertThat(received).hasSize(3);
    answer.set(200);
    assertThat(sim.webhooks().redeliver(d)).isEqualTo(200);
    assertThat(received.get(3)[1]).isEqualTo(String.valueOf(d.timestampMillis()));
    sim.webhooks().signWith("s");
    Instant stale = Instant.now().minus(Duration.ofMinutes(10));
    sim.webhooks().redeliverAt(d, stale);
    assertThat(received.get(4)[1]).isEqualTo(String.valueOf(stale.toEpochMilli()));
    assertThat(received.get(4)[2]).isEqualTo(SimWebhooks.sign("s", stale.toEpochMilli(), d.body()));
    assertThat(received.get(4)[0]).isEqualTo(d.bodyText());
  }
}
