package dev.syncengine.webflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The localized calls, against WireMock: each request conforms to webflow-openapi-v2.yml (checked
 * after every test), and each answer shape the spec shows is read.
 */
class WebflowLocaleClientTest extends ContractCheckingWireMock {
  private static final String EN = "653ad57de882f528b32e810e";
  private static final String FR = "653fd9af6a07fc9cfd7a5e5d";
  private WebflowClient client;
  private WebflowLocaleClient locales;

  private static String j(String s) {
    return s.replace('\'', '"');
  }

  @BeforeEach
  void buildClient() {
    client =
        WebflowClient.builder()
            .baseUrl(baseUrl())
            .token("wf-locale-token-1234567890")
            .rateLimitPerMinute(100_000)
            .rateLimiters(RateLimiterRegistry.create())
            .retryDelay(Duration.ofMillis(5))
            .maxRetries(1)
            .build();
    locales = new WebflowLocaleClient(client);
  }

  @Test
  void readsTheSiteLocalesPrimaryFirstAsTheSiteSchemaDescribesThem() {
    // The shape of the spec's GET /sites/{site_id} example.
    wm.stubFor(
        get("/v2/sites/s1")
            .willReturn(
                okJson(
                    j(
                        "{'id':'s1','displayName':'Shop','locales':{'primary':{'id':'653fd9af6a07fc9cfd7a5e57',"
                            + "'cmsLocaleId':'"
                            + EN
                            + "','enabled':false,'displayName':'English (United States)','redirect':true,"
                            + "'subdirectory':'','tag':'en-US'},'secondary':[{'id':'653fd9af6a07fc9cfd7a5e56',"
                            + "'cmsLocaleId':'"
                            + FR
                            + "','enabled':true,'displayName':'French (France)','subdirectory':'fr-fr','tag':'fr-FR'}]}}"))));

    assertThat(locales.siteLocales("s1"))
        .containsExactly(
            new WebflowLocale(
                "653fd9af6a07fc9cfd7a5e57", EN, "en-US", "English (United States)", false, true),
            new WebflowLocale(
                "653fd9af6a07fc9cfd7a5e56", FR, "fr-FR", "French (France)", true, false));
  }

  @Test
  void aSiteWithoutLocalizationHasNoLocales() {
    // The spec's NewlyCreatedSite example answers "locales: null".
    wm.stubFor(get("/v2/sites/s1").willReturn(okJson(j("{'id':'s1','locales':null}"))));

    assertThat(locales.siteLocales("s1")).isEmpty();
  }

  @Test
  void createsAcrossLocalesWithCmsLocaleIdsAndReadsOneEntryPerVariant() {
    wm.stubFor(
        post("/v2/collections/c1/items/bulk")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        j(
                            "{'items':[{'id':'i1','cmsLocaleId':'"
                                + EN
                                + "','isDraft':false,'isArchived':false,'lastPublished':null,"
                                + "'lastUpdated':'2024-02-28T19:25:39.942Z','createdOn':'2024-02-28T19:25:39.942Z',"
                                + "'fieldData':{'name':'Tea','slug':'tea'}},{'id':'i1','cmsLocaleId':'"
                                + FR
                                + "','isDraft':false,'isArchived':false,'lastPublished':null,"
                                + "'lastUpdated':'2024-02-28T19:25:39.942Z','createdOn':'2024-02-28T19:25:39.942Z',"
                                + "'fieldData':{'name':'Tea','slug':'tea'}}]}"))));

    List<WebflowItem> made =
        locales.createItems(
            "c1",
            List.of(new NewItem(Json.object().put("name", "Tea").put("slug", "tea"), false, false)),
            List.of(EN, FR));

    assertThat(made).extracting(WebflowItem::id).containsExactly("i1", "i1");
    assertThat(made).extracting(WebflowItem::cmsLocaleId).containsExactly(EN, FR);
    wm.verify(
        postRequestedFor(urlEqualTo("/v2/collections/c1/items/bulk"))
            .withRequestBody(
                equalToJson(
                    j(
                        "{'isArchived':false,'isDraft':false,'cmsLocaleIds':['"
                            + EN
                            + "','"
                            + FR
                            + "'],'fieldData':[{'name':'Tea','slug':'tea'}]}"))));
  }

  @Test
  void readsTheSingleObjectAnswerTheSpecsSchemaDescribesForACreateAcrossLocales() {
    wm.stubFor(
        post("/v2/collections/c1/items/bulk")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        j(
                            "{'id':'i1','cmsLocaleIds':['"
                                + EN
                                + "','"
                                + FR
                                + "'],'isDraft':true,'isArchived':false,'fieldData':{'name':'Tea','slug':'tea'}}"))));

    List<WebflowItem> made =
        locales.createItems(
            "c1",
            List.of(new NewItem(Json.object().put("name", "Tea").put("slug", "tea"), true, false)),
            List.of(EN, FR));

    assertThat(made)
        .singleElement()
        .extracting(WebflowItem::id, WebflowItem::slug)
        .containsExactly("i1", "tea");
  }

  @Test
  void updatesAVariantWithItsCmsLocaleIdBesideThePrimary() {
    wm.stubFor(patch("/v2/collections/c1/items").willReturn(okJson(j("{'items':[]}"))));

    client.updateItems(
        "c1",
        List.of(
            new ItemUpdate("i1", Json.object().put("price", 5), false, false),
            new ItemUpdate("i1", Json.object().put("name", "Thé"), false, false, FR)),
        false);

    wm.verify(
        patchRequestedFor(urlEqualTo("/v2/collections/c1/items"))
            .withRequestBody(
                equalToJson(
                    j(
                        "{'items':[{'id':'i1','isArchived':false,'isDraft':false,'fieldData':{'price':5}},"
                            + "{'id':'i1','cmsLocaleId':'"
                            + FR
                            + "','isArchived':false,'isDraft':false,'fieldData':{'name':'Thé'}}]}"))));
  }

  @Test
  void deletesUnpublishesAndPublishesNamingEveryLocale() {
    wm.stubFor(delete("/v2/collections/c1/items").willReturn(aResponse().withStatus(204)));
    wm.stubFor(delete("/v2/collections/c1/items/live").willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        post("/v2/collections/c1/items/publish")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(j("{'publishedItemIds':['i1'],'errors':[]}"))));
    String body = j("{'items':[{'id':'i1','cmsLocaleIds':['" + EN + "','" + FR + "']}]}");

    locales.unpublishItems("c1", List.of("i1"), List.of(EN, FR));
    locales.deleteItems("c1", List.of("i1"), List.of(EN, FR));
    PublishResult r = locales.publishItems("c1", List.of("i1"), List.of(EN, FR));

    assertThat(r.publishedItemIds()).containsExactly("i1");
    wm.verify(
        deleteRequestedFor(urlEqualTo("/v2/collections/c1/items/live"))
            .withRequestBody(equalToJson(body)));
    wm.verify(
        deleteRequestedFor(urlEqualTo("/v2/collections/c1/items"))
            .withRequestBody(equalToJson(body)));
    wm.verify(
        postRequestedFor(urlEqualTo("/v2/collections/c1/items/publish"))
            .withRequestBody(equalToJson(body)));
  }

  @Test
  void listsVariantsOfSeveralLocalesWithACommaSeparatedCmsLocaleId() {
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items"))
            .willReturn(
                okJson(
                    j(
                        "{'items':[{'id':'i1','cmsLocaleId':'"
                            + FR
                            + "','fieldData':{'name':'Thé','slug':'tea'}}],'pagination':{'limit':100,'offset':0,'total':1}}"))));

    ItemPage page = locales.listItems("c1", ItemQuery.all(), List.of(EN, FR));

    assertThat(page.items()).singleElement().extracting(WebflowItem::cmsLocaleId).isEqualTo(FR);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/collections/c1/items"))
            .withQueryParam("cmsLocaleId", equalTo(EN + "," + FR)));
  }
}
