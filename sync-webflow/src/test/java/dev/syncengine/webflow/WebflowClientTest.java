package dev.syncengine.webflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebflowClientTest extends ContractCheckingWireMock {
  private static final String TOKEN = "wf-secret-token-1234567890";
  private static final String ITEM =
      "{'id':'i1','cmsLocaleId':'loc1','isDraft':false,'isArchived':false,"
          + "'lastPublished':null,'lastUpdated':'2024-01-02T03:04:05.000Z',"
          + "'createdOn':'2024-01-01T00:00:00.000Z','fieldData':{'name':'Blue','slug':'blue'}}";
  private static final String ERROR_429 =
      "{'message':'Too Many Requests','code':'too_many_requests','externalReference':null,'details':[]}";

  private WebflowClient client;

  private static String j(String s) {
    return s.replace('\'', '"');
  }

  private static ObjectNode fields(String name, String slug) {
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("slug", slug);
    return o;
  }

  @BeforeEach
  void buildClient() {
    client = client(Duration.ofSeconds(5));
  }

  private WebflowClient client(Duration readTimeout) {
    return WebflowClient.builder()
        .baseUrl(baseUrl())
        .token(TOKEN)
        .userAgent("test-agent/1")
        .readTimeout(readTimeout)
        .rateLimitPerMinute(100_000)
        .rateLimiters(RateLimiterRegistry.create())
        .retryDelay(Duration.ofMillis(5))
        .maxRetries(2)
        .build();
  }

  @Test
  void listsSitesWithTheBearerTokenAndUserAgent() {
    wm.stubFor(
        get("/v2/sites")
            .willReturn(
                okJson(
                    j(
                        "{'sites':[{'id':'s1','displayName':'Shop','shortName':'shop',"
                            + "'locales':{'primary':{'cmsLocaleId':'l1'},'secondary':[{'cmsLocaleId':'l2'}]}}]}"))));

    List<WebflowSite> sites = client.listSites();

    assertThat(sites).containsExactly(new WebflowSite("s1", "Shop", "shop", List.of("l1", "l2")));
    wm.verify(
        getRequestedFor(urlEqualTo("/v2/sites"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("User-Agent", equalTo("test-agent/1")));
  }

  @Test
  void listsCollectionsOfASite() {
    wm.stubFor(
        get("/v2/sites/s1/collections")
            .willReturn(
                okJson(
                    j(
                        "{'collections':[{'id':'c1','displayName':'Products','singularName':'Product','slug':'products'}]}"))));

    assertThat(client.listCollections("s1"))
        .extracting(WebflowCollection::id, WebflowCollection::slug)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "products"));
  }

  @Test
  void readsACollectionSchemaWithFieldTypesAndRequiredFlags() {
    wm.stubFor(
        get("/v2/collections/c1")
            .willReturn(
                okJson(
                    j(
                        "{'id':'c1','displayName':'Products','singularName':'Product','slug':'products','fields':["
                            + "{'id':'f1','slug':'name','displayName':'Name','type':'PlainText','isRequired':true,'isEditable':true,'validations':null},"
                            + "{'id':'f2','slug':'price','displayName':'Price','type':'Number','isRequired':false,'isEditable':true,'validations':{'precision':2}}]}"))));

    WebflowCollection c = client.getCollection("c1");

    assertThat(c.toTargetSchema().field("price").orElseThrow().type()).isEqualTo("Number");
    assertThat(c.toTargetSchema().field("name").orElseThrow().required()).isTrue();
    assertThat(c.fields().get(1).validations().path("precision").asInt()).isEqualTo(2);
  }

  @Test
  void listsItemsWithPaginationFiltersAndSorting() {
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items"))
            .willReturn(
                okJson(
                    j(
                        "{'items':["
                            + ITEM
                            + "],'pagination':{'limit':10,'offset':20,'total':21}}"))));

    ItemPage page =
        client.listItems(
            "c1",
            ItemQuery.all()
                .withOffset(20)
                .withLimit(10)
                .withName("Blue")
                .withSlug("blue")
                .sortedBy("createdOn", true));

    assertThat(page.items()).extracting(WebflowItem::id).containsExactly("i1");
    assertThat(page.total()).isEqualTo(21);
    assertThat(page.hasMore()).isFalse();
    assertThat(page.items().get(0).lastUpdated()).hasToString("2024-01-02T03:04:05Z");
    wm.verify(
        getRequestedFor(
            urlEqualTo(
                "/v2/collections/c1/items?offset=20&limit=10&slug=blue&name=Blue&sortBy=createdOn&sortOrder=desc")));
  }

  @Test
  void listsAllLiveItemsAcrossPages() {
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items/live"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(
                okJson(
                    j(
                        "{'items':["
                            + ITEM
                            + "],'pagination':{'limit':100,'offset':0,'total':2}}"))));
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items/live"))
            .withQueryParam("offset", equalTo("1"))
            .willReturn(
                okJson(
                    j(
                        "{'items':["
                            + ITEM.replace("i1", "i2")
                            + "],'pagination':{'limit':100,'offset':1,'total':2}}"))));

    assertThat(client.listAllItems("c1", true))
        .extracting(WebflowItem::id)
        .containsExactly("i1", "i2");
  }

  @Test
  void findsAnItemBySlugOrNothing() {
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items"))
            .withQueryParam("slug", equalTo("blue"))
            .willReturn(
                okJson(
                    j("{'items':[" + ITEM + "],'pagination':{'limit':1,'offset':0,'total':1}}"))));
    wm.stubFor(
        get(urlPathEqualTo("/v2/collections/c1/items"))
            .withQueryParam("slug", equalTo("red"))
            .willReturn(okJson(j("{'items':[],'pagination':{'limit':1,'offset':0,'total':0}}"))));

    assertThat(client.findBySlug("c1", "blue")).map(WebflowItem::id).contains("i1");
    assertThat(client.findBySlug("c1", "red")).isEmpty();
  }

  @Test
  void getsOneStagedAndOneLiveItem() {
    wm.stubFor(get("/v2/collections/c1/items/i1").willReturn(okJson(j(ITEM))));
    wm.stubFor(get("/v2/collections/c1/items/i1/live").willReturn(okJson(j(ITEM))));

    assertThat(client.getItem("c1", "i1", false).slug()).isEqualTo("blue");
    assertThat(client.getItem("c1", "i1", true).fieldData().get("name").asText()).isEqualTo("Blue");
  }

  @Test
  void createsOneItem() {
    wm.stubFor(
        post("/v2/collections/c1/items").willReturn(aResponse().withStatus(202).withBody(j(ITEM))));

    WebflowItem made =
        client.createItem("c1", new NewItem(fields("Blue", "blue"), true, false), false);

    assertThat(made.id()).isEqualTo("i1");
    wm.verify(
        postRequestedFor(urlEqualTo("/v2/collections/c1/items"))
            .withRequestBody(
                equalToJson(
                    j(
                        "{'isArchived':false,'isDraft':true,'fieldData':{'name':'Blue','slug':'blue'}}"))));
  }

  @Test
  void createsManyLiveItemsInOneRequest() {
    wm.stubFor(
        post("/v2/collections/c1/items/live")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody(j("{'items':[" + ITEM + "," + ITEM.replace("i1", "i2") + "]}"))));

    List<WebflowItem> made =
        client.createItems(
            "c1",
            List.of(NewItem.of(fields("Blue", "blue")), NewItem.of(fields("Red", "red"))),
            true);

    assertThat(made).extracting(WebflowItem::id).containsExactly("i1", "i2");
    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/v2/collections/c1/items/live"))
            .withRequestBody(containing("\"slug\":\"red\"")));
  }

  @Test
  void createsItemsThroughTheBulkEndpoint() {
    wm.stubFor(
        post("/v2/collections/c1/items/bulk")
            .willReturn(aResponse().withStatus(202).withBody(j("{'items':[" + ITEM + "]}"))));

    List<WebflowItem> made =
        client.createItemsBulk("c1", List.of(fields("Blue", "blue")), false, List.of("loc1"));

    assertThat(made).hasSize(1);
    wm.verify(
        postRequestedFor(urlEqualTo("/v2/collections/c1/items/bulk"))
            .withRequestBody(
                equalToJson(
                    j(
                        "{'isArchived':false,'isDraft':false,'cmsLocaleIds':['loc1'],"
                            + "'fieldData':[{'name':'Blue','slug':'blue'}]}"))));
  }

  @Test
  void updatesItemsInBulkStagedAndLive() {
    wm.stubFor(
        patch(urlEqualTo("/v2/collections/c1/items"))
            .willReturn(okJson(j("{'items':[" + ITEM + "]}"))));
    wm.stubFor(
        patch(urlEqualTo("/v2/collections/c1/items/live"))
            .willReturn(okJson(j("{'items':[" + ITEM + "]}"))));
    ObjectNode name = Json.object().put("name", "Bluer");

    client.updateItems("c1", List.of(new ItemUpdate("i1", name, false, null)), false);
    client.updateItems("c1", List.of(ItemUpdate.of("i1", name)), true);

    wm.verify(
        patchRequestedFor(urlEqualTo("/v2/collections/c1/items"))
            .withRequestBody(
                equalToJson(
                    j("{'items':[{'id':'i1','isDraft':false,'fieldData':{'name':'Bluer'}}]}"))));
    wm.verify(patchRequestedFor(urlEqualTo("/v2/collections/c1/items/live")));
  }

  @Test
  void updatesOneItemStagedAndLive() {
    wm.stubFor(patch(urlEqualTo("/v2/collections/c1/items/i1")).willReturn(okJson(j(ITEM))));
    wm.stubFor(patch(urlEqualTo("/v2/collections/c1/items/i1/live")).willReturn(okJson(j(ITEM))));

    client.updateItem(
        "c1", new ItemUpdate("i1", Json.object().put("name", "B"), null, true), false);
    client.updateItem("c1", ItemUpdate.of("i1", Json.object().put("name", "B")), true);

    wm.verify(
        patchRequestedFor(urlEqualTo("/v2/collections/c1/items/i1"))
            .withRequestBody(equalToJson(j("{'isArchived':true,'fieldData':{'name':'B'}}"))));
    wm.verify(patchRequestedFor(urlEqualTo("/v2/collections/c1/items/i1/live")));
  }

  @Test
  void deletesAndUnpublishesItemsInBulkAndSingly() {
    wm.stubFor(
        delete(urlEqualTo("/v2/collections/c1/items")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        delete(urlEqualTo("/v2/collections/c1/items/live"))
            .willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        delete(urlEqualTo("/v2/collections/c1/items/i1")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        delete(urlEqualTo("/v2/collections/c1/items/i1/live"))
            .willReturn(aResponse().withStatus(204)));

    client.deleteItems("c1", List.of("i1", "i2"));
    client.unpublishItems("c1", List.of("i3"));
    client.deleteItem("c1", "i1");
    client.unpublishItem("c1", "i1");

    wm.verify(
        deleteRequestedFor(urlEqualTo("/v2/collections/c1/items"))
            .withRequestBody(equalToJson(j("{'items':[{'id':'i1'},{'id':'i2'}]}"))));
    wm.verify(
        deleteRequestedFor(urlEqualTo("/v2/collections/c1/items/live"))
            .withRequestBody(equalToJson(j("{'items':[{'id':'i3'}]}"))));
    wm.verify(deleteRequestedFor(urlEqualTo("/v2/collections/c1/items/i1")));
    wm.verify(deleteRequestedFor(urlEqualTo("/v2/collections/c1/items/i1/live")));
  }

  @Test
  void publishesItemsAndReportsPartialFailures() {
    wm.stubFor(
        post("/v2/collections/c1/items/publish")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody(j("{'publishedItemIds':['i1'],'errors':['i2: not found']}"))));

    PublishResult r = client.publishItems("c1", List.of("i1", "i2"));

    assertThat(r.publishedItemIds()).containsExactly("i1");
    assertThat(r.errors()).containsExactly("i2: not found");
    wm.verify(
        postRequestedFor(urlEqualTo("/v2/collections/c1/items/publish"))
            .withRequestBody(equalToJson(j("{'itemIds':['i1','i2']}"))));
  }

  @Test
  void publishesTheSite() {
    wm.stubFor(
        post("/v2/sites/s1/publish")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody(j("{'customDomains':[],'publishToWebflowSubdomain':true}"))));

    client.publishSite("s1", List.of(), true);

    wm.verify(
        postRequestedFor(urlEqualTo("/v2/sites/s1/publish"))
            .withRequestBody(
                equalToJson(j("{'customDomains':[],'publishToWebflowSubdomain':true}"))));
  }

  @Test
  void turnsAValidationErrorIntoATypedExceptionWithTheFields() {
    wm.stubFor(
        post("/v2/collections/c1/items")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        j(
                            "{'code':'validation_error','message':'Validation Error','externalReference':null,"
                                + "'details':[{'param':'slug','description':'Unique value is already in database: \\u0027blue\\u0027'}]}"))));

    assertThatThrownBy(() -> client.createItem("c1", NewItem.of(fields("Blue", "blue")), false))
        .isInstanceOfSatisfying(
            WebflowValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo("validation_error");
              assertThat(e.detailFor("slug").orElseThrow().description()).contains("'blue'");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/collections/c1/items")));
  }

  @Test
  void mapsEachErrorStatusToItsOwnExceptionWithoutRetrying() {
    stubError("/v2/collections/a", 401, "not_authorized");
    stubError("/v2/collections/b", 403, "missing_scopes");
    stubError("/v2/collections/c", 404, "collection_not_found");
    stubError("/v2/collections/d", 409, "conflict");
    stubError("/v2/collections/e", 400, "bad_request");

    assertThatThrownBy(() -> client.getCollection("a"))
        .isInstanceOfSatisfying(
            WebflowAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> client.getCollection("b"))
        .isInstanceOfSatisfying(
            WebflowAuthException.class, e -> assertThat(e.missingScopes()).isTrue());
    assertThatThrownBy(() -> client.getCollection("c"))
        .isInstanceOfSatisfying(
            WebflowNotFoundException.class,
            e -> assertThat(e.code()).isEqualTo("collection_not_found"));
    assertThatThrownBy(() -> client.getCollection("d"))
        .isInstanceOf(WebflowConflictException.class);
    assertThatThrownBy(() -> client.getCollection("e"))
        .isInstanceOf(WebflowValidationException.class)
        .hasMessageNotContaining(TOKEN);
    for (String c : List.of("a", "b", "c", "d", "e")) {
      wm.verify(1, getRequestedFor(urlEqualTo("/v2/collections/" + c)));
    }
  }

  private void stubError(String url, int status, String code) {
    wm.stubFor(
        get(url)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withBody(
                        j(
                            "{'code':'"
                                + code
                                + "','message':'nope','externalReference':null,'details':[]}"))));
  }

  @Test
  void retriesAReadAfterServerErrorsAndTimeouts() {
    wm.stubFor(
        get("/v2/sites")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withBody(j("{'code':'service_unavailable','message':'x'}")))
            .willSetStateTo("second"));
    wm.stubFor(
        get("/v2/sites")
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(408))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/v2/sites")
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"sites\":[]}")));

    assertThat(client.listSites()).isEmpty();
    wm.verify(3, getRequestedFor(urlEqualTo("/v2/sites")));
  }

  @Test
  void givesUpOnPersistentServerErrorsWithAServerException() {
    wm.stubFor(
        get("/v2/sites")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(j("{'code':'internal_error','message':'boom'}"))));

    assertThatThrownBy(() -> client.listSites())
        .isInstanceOfSatisfying(
            WebflowServerException.class, e -> assertThat(e.code()).isEqualTo("internal_error"));
    wm.verify(3, getRequestedFor(urlEqualTo("/v2/sites")));
  }

  @Test
  void retriesAReadAfterAConnectionResetThenReportsATransportError() {
    wm.stubFor(get("/v2/sites").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.listSites())
        .isInstanceOf(WebflowTransportException.class)
        .hasMessageNotContaining(TOKEN);
    wm.verify(3, getRequestedFor(urlEqualTo("/v2/sites")));
  }

  @Test
  void waitsRetryAfterOnA429ThenSucceeds() {
    wm.stubFor(
        get("/v2/sites")
            .inScenario("limited")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withHeader("X-RateLimit-Limit", "60")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withBody(j(ERROR_429)))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/v2/sites")
            .inScenario("limited")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"sites\":[]}")));

    long start = System.nanoTime();
    assertThat(client.listSites()).isEmpty();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    wm.verify(2, getRequestedFor(urlEqualTo("/v2/sites")));
  }

  @Test
  void reportsRateLimitingWithRetryAfterWhenItPersists() {
    WebflowClient impatient =
        WebflowClient.builder()
            .baseUrl(baseUrl())
            .token(TOKEN)
            .rateLimiters(RateLimiterRegistry.create())
            .rateLimitPerMinute(100_000)
            .maxRetries(0)
            .build();
    wm.stubFor(
        get("/v2/sites")
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "7").withBody(j(ERROR_429))));

    assertThatThrownBy(impatient::listSites)
        .isInstanceOfSatisfying(
            WebflowRateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void neverResendsACreateAfterAServerErrorButReportsTheOutcomeUnknown() {
    wm.stubFor(
        post("/v2/collections/c1/items/live")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(j("{'code':'internal_error','message':'x'}"))));

    assertThatThrownBy(() -> client.createItems("c1", List.of(NewItem.of(fields("A", "a"))), true))
        .isInstanceOfSatisfying(
            CreateOutcomeUnknownException.class,
            e -> assertThat(e.getCause()).isInstanceOf(WebflowServerException.class));
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/collections/c1/items/live")));
  }

  @Test
  void neverResendsACreateWhoseResponseWasLost() {
    wm.stubFor(
        post("/v2/collections/c1/items").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(() -> client.createItem("c1", NewItem.of(fields("A", "a")), false))
        .isInstanceOf(CreateOutcomeUnknownException.class)
        .hasMessageNotContaining(TOKEN);
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/collections/c1/items")));
  }

  @Test
  void neverResendsACreateThatTimedOut() {
    WebflowClient hasty = client(Duration.ofMillis(200));
    wm.stubFor(
        post("/v2/collections/c1/items")
            .willReturn(aResponse().withStatus(202).withBody(j(ITEM)).withFixedDelay(1_000)));

    assertThatThrownBy(() -> hasty.createItem("c1", NewItem.of(fields("A", "a")), false))
        .isInstanceOf(CreateOutcomeUnknownException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/collections/c1/items")));
  }

  @Test
  void resendsACreateRejectedWith429BecauseNothingWasWritten() {
    wm.stubFor(
        post("/v2/collections/c1/items")
            .inScenario("create")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "0").withBody(j(ERROR_429)))
            .willSetStateTo("ok"));
    wm.stubFor(
        post("/v2/collections/c1/items")
            .inScenario("create")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(202).withBody(j(ITEM))));

    assertThat(client.createItem("c1", NewItem.of(fields("A", "a")), false).id()).isEqualTo("i1");
    wm.verify(2, postRequestedFor(urlEqualTo("/v2/collections/c1/items")));
  }

  @Test
  void refusesBulkCallsOverOneHundredItemsBeforeSendingAnything() {
    List<String> ids = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "i" + i).toList();

    assertThatThrownBy(() -> client.deleteItems("c1", ids))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void neverShowsTheTokenInToString() {
    assertThat(client.toString()).doesNotContain(TOKEN);
  }
}
