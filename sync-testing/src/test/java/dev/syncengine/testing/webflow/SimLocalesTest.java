package dev.syncengine.testing.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's localization, over HTTP, as webflow-openapi-v2.yml describes it: site locales,
 * creates across locales, per-variant updates, and deletes, publishes and listings naming locales.
 */
class SimLocalesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebflowSimulator sim;
  private String site;
  private String collection;
  private String en;
  private String fr;

  @BeforeEach
  void start() throws Exception {
    sim = WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).start();
    site = sim.createSite("Shop");
    fr = sim.locales().add(site, "fr-FR", "French");
    collection =
        sim.createCollection(site, "Products", List.of(SimField.optional("price", "Number")));
    en = json(send("GET", "/sites/" + site, null)).at("/locales/primary/cmsLocaleId").asText();
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

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private String createTea() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/collections/" + collection + "/items/bulk",
            "{'isDraft':false,'cmsLocaleIds':['"
                + en
                + "','"
                + fr
                + "'],'fieldData':[{'name':'Tea','slug':'tea','price':4}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return json(r).at("/items/0/id").asText();
  }

  @Test
  void theSiteListsItsSecondaryLocalesWithTheirCmsLocaleIds() throws Exception {
    JsonNode locales = json(send("GET", "/sites/" + site, null)).get("locales");

    assertThat(locales.at("/primary/tag").asText()).isEqualTo("en");
    assertThat(locales.get("secondary"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("cmsLocaleId").asText()).isEqualTo(fr);
              assertThat(l.get("tag").asText()).isEqualTo("fr-FR");
              assertThat(l.get("id").asText())
                  .isNotEqualTo(fr); // a site locale id is not a CMS one
            });
  }

  @Test
  void aCreateAcrossLocalesAnswersOneEntryPerVariantUnderOneId() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/collections/" + collection + "/items/bulk",
            "{'cmsLocaleIds':['" + en + "','" + fr + "'],'fieldData':{'name':'Tea','slug':'tea'}}");

    JsonNode items = json(r).get("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("id")).isEqualTo(items.get(1).get("id"));
    assertThat(items.get(0).get("cmsLocaleId").asText()).isEqualTo(en);
    assertThat(items.get(1).get("cmsLocaleId").asText()).isEqualTo(fr);
    assertThat(sim.locales().items(collection, fr))
        .singleElement()
        .satisfies(v -> assertThat(v.fieldData().get("name").asText()).isEqualTo("Tea"));
  }

  @Test
  void withoutCmsLocaleIdsABulkCreateMakesThePrimaryOnlyAndAnUnknownLocaleIsRefused()
      throws Exception {
    send(
        "POST",
        "/collections/" + collection + "/items/bulk",
        "{'fieldData':{'name':'A','slug':'a'}}");
    HttpResponse<String> unknown =
        send(
            "POST",
            "/collections/" + collection + "/items/bulk",
            "{'cmsLocaleIds':['nope'],'fieldData':{'name':'B','slug':'b'}}");

    assertThat(sim.items(collection)).hasSize(1);
    assertThat(sim.locales().items(collection, fr)).isEmpty();
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).at("/details/0/param").asText()).isEqualTo("cmsLocaleIds");
  }

  @Test
  void aPatchEntryWithACmsLocaleIdChangesThatVariantOnly() throws Exception {
    String id = createTea();

    HttpResponse<String> r =
        send(
            "PATCH",
            "/collections/" + collection + "/items",
            "{'items':[{'id':'"
                + id
                + "','cmsLocaleId':'"
                + fr
                + "','fieldData':{'name':'Thé'}}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(sim.items(collection).get(0).fieldData().get("name").asText()).isEqualTo("Tea");
    assertThat(sim.locales().items(collection, fr).get(0).fieldData().get("name").asText())
        .isEqualTo("Thé");
    String other =
        json(send(
                "POST",
                "/collections/" + collection + "/items",
                "{'fieldData':{'name':'X','slug':'x'}}"))
            .get("id")
            .asText();
    HttpResponse<String> missing =
        send(
            "PATCH",
            "/collections/" + collection + "/items",
            "{'items':[{'id':'"
                + other
                + "','cmsLocaleId':'"
                + fr
                + "','fieldData':{'name':'Y'}}]}");
    assertThat(missing.statusCode()).isEqualTo(404); // created in the primary locale only
  }

  @Test
  void aDeleteActsOnTheLocalesItNamesThePrimaryByDefault() throws Exception {
    String id = createTea();

    send("DELETE", "/collections/" + collection + "/items", "{'items':[{'id':'" + id + "'}]}");

    // "Items will only be deleted in the primary locale unless a cmsLocaleId is included"
    assertThat(sim.items(collection)).isEmpty();
    assertThat(sim.locales().items(collection, fr)).hasSize(1);
    HttpResponse<String> r =
        send(
            "DELETE",
            "/collections/" + collection + "/items",
            "{'items':[{'id':'" + id + "','cmsLocaleIds':['" + fr + "']}]}");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(sim.locales().items(collection, fr)).isEmpty();
  }

  @Test
  void publishesAndListsTheVariantsOfTheLocalesNamed() throws Exception {
    String id = createTea();

    HttpResponse<String> published =
        send(
            "POST",
            "/collections/" + collection + "/items/publish",
            "{'items':[{'id':'" + id + "','cmsLocaleIds':['" + en + "','" + fr + "']}]}");
    HttpResponse<String> listed =
        send("GET", "/collections/" + collection + "/items?cmsLocaleId=" + en + "," + fr, null);

    assertThat(json(published).get("publishedItemIds"))
        .extracting(JsonNode::asText)
        .containsExactly(id);
    assertThat(sim.locales().items(collection, fr).get(0).isLive()).isTrue();
    assertThat(json(listed).get("items"))
        .extracting(i -> i.get("cmsLocaleId").asText())
        .containsExactly(en, fr);
    assertThat(json(listed).at("/pagination/total").asInt()).isEqualTo(2);
  }
}
