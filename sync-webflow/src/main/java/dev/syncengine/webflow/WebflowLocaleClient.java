package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.internal.CmsPaths;
import dev.syncengine.webflow.internal.Json;
import dev.syncengine.webflow.internal.WebflowHttp;
import dev.syncengine.webflow.internal.WebflowHttp.Kind;
import dev.syncengine.webflow.internal.WebflowJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The localized CMS calls of a {@link WebflowClient}: a site's locales, creates across locales, and
 * deletes, unpublishes and publishes of chosen locale variants. Updates of a locale variant go
 * through {@link WebflowClient#updateItems} with {@link ItemUpdate#cmsLocaleId()} set. Each method
 * cites what webflow-openapi-v2.yml says of it; requests share the client's rate limiter and
 * retries.
 *
 * <pre>{@code
 * WebflowLocaleClient locales = new WebflowLocaleClient(client);
 * List<WebflowLocale> all = locales.siteLocales(siteId);
 * locales.createItems(collectionId, List.of(NewItem.of(fieldData)), List.of(en, fr));
 * }</pre>
 *
 * <p>Thread-safe, like the client.
 */
public final class WebflowLocaleClient {
  private final WebflowHttp http;

  public WebflowLocaleClient(WebflowClient client) {
    this.http = Objects.requireNonNull(client, "client").http();
  }

  /**
   * {@code GET /sites/{site_id}}: the site's locales, primary first. A site without localization
   * answers {@code locales: null} (the spec's NewlyCreatedSite example): then none.
   */
  public List<WebflowLocale> siteLocales(String siteId) {
    JsonNode site = http.call("GET", CmsPaths.site(siteId), Map.of(), null, Kind.IDEMPOTENT);
    return WebflowJson.locales(site.path("locales"));
  }

  /**
   * {@code POST /collections/{id}/items/bulk} with {@code cmsLocaleIds}: "Create an item or
   * multiple items in a CMS Collection across multiple corresponding locales" (up to 100; without
   * {@code cmsLocaleIds} only in the primary locale). The items share one draft and archived flag,
   * taken from the first; every locale variant starts with the same {@code fieldData}. The answer
   * has one entry per item and locale, all variants of an item under the same id (the spec's
   * examples return {@code {items:[...]}}, its schema one object: both are read).
   *
   * @throws CreateOutcomeUnknownException when the items may or may not exist now
   */
  public List<WebflowItem> createItems(
      String collectionId, List<NewItem> items, List<String> cmsLocaleIds) {
    CmsPaths.checkBulk(items.size());
    ObjectNode body = Json.object();
    body.put("isArchived", items.get(0).isArchived());
    body.put("isDraft", items.get(0).isDraft());
    ids(body.putArray("cmsLocaleIds"), cmsLocaleIds);
    ArrayNode fd = body.putArray("fieldData");
    items.forEach(i -> fd.add(i.fieldData()));
    return WebflowJson.items(
        http.call(
            "POST",
            CmsPaths.collection(collectionId) + "/items/bulk",
            Map.of(),
            body,
            Kind.CREATE));
  }

  /**
   * {@code GET /collections/{id}/items?cmsLocaleId=a,b}: one page of the items' variants in those
   * locales ("To query multiple locales, input a comma separated string"), each entry naming its
   * {@code cmsLocaleId}.
   */
  public ItemPage listItems(String collectionId, ItemQuery query, List<String> cmsLocaleIds) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("cmsLocaleId", String.join(",", cmsLocaleIds));
    q.put("offset", Integer.toString(query.offset()));
    q.put("limit", Integer.toString(query.limit()));
    q.put("slug", query.slug());
    return WebflowJson.page(
        http.call("GET", CmsPaths.items(collectionId, query.live()), q, null, Kind.IDEMPOTENT));
  }

  /**
   * {@code DELETE /collections/{id}/items} with {@code items[{id, cmsLocaleIds}]}: "Items will only
   * be deleted in the primary locale unless a cmsLocaleId is included in the request."
   */
  public void deleteItems(String collectionId, List<String> itemIds, List<String> cmsLocaleIds) {
    CmsPaths.checkBulk(itemIds.size());
    http.call(
        "DELETE",
        CmsPaths.items(collectionId, false),
        Map.of(),
        perItem(itemIds, cmsLocaleIds),
        Kind.IDEMPOTENT);
  }

  /**
   * {@code DELETE /collections/{id}/items/live} with {@code items[{id, cmsLocaleIds}]}: "Items will
   * only be unpublished in the primary locale unless a cmsLocaleId is included in the request."
   */
  public void unpublishItems(String collectionId, List<String> itemIds, List<String> cmsLocaleIds) {
    CmsPaths.checkBulk(itemIds.size());
    http.call(
        "DELETE",
        CmsPaths.items(collectionId, true),
        Map.of(),
        perItem(itemIds, cmsLocaleIds),
        Kind.IDEMPOTENT);
  }

  /**
   * {@code POST /collections/{id}/items/publish} in its "Item IDs with Locales" form, {@code
   * items[{id, cmsLocaleIds}]} (the {@code itemIds} form publishes "in a single locale").
   */
  public PublishResult publishItems(
      String collectionId, List<String> itemIds, List<String> cmsLocaleIds) {
    CmsPaths.checkBulk(itemIds.size());
    return WebflowJson.publishResult(
        http.call(
            "POST",
            CmsPaths.collection(collectionId) + "/items/publish",
            Map.of(),
            perItem(itemIds, cmsLocaleIds),
            Kind.IDEMPOTENT));
  }

  private static ObjectNode perItem(List<String> itemIds, List<String> cmsLocaleIds) {
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("items");
    for (String id : itemIds) {
      ObjectNode one = arr.addObject().put("id", id);
      ids(one.putArray("cmsLocaleIds"), cmsLocaleIds);
    }
    return body;
  }

  private static void ids(ArrayNode into, List<String> ids) {
    ids.forEach(into::add);
  }

  @Override
  public String toString() {
    return "WebflowLocaleClient";
  }
}
