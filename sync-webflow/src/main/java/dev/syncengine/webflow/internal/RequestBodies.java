package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.NewItem;
import java.util.List;

/** The JSON bodies of the CMS requests that carry several things. Stateless and thread-safe. */
public final class RequestBodies {
  private RequestBodies() {}

  /** {@code {items: [...]}} for a create of several items. */
  public static ObjectNode newItems(List<NewItem> items) {
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("items");
    items.forEach(i -> arr.add(WebflowJson.newItem(i)));
    return body;
  }

  /** The body of {@code POST .../items/bulk}. */
  public static ObjectNode bulkCreate(
      List<ObjectNode> fieldData, boolean isDraft, List<String> cmsLocaleIds) {
    ObjectNode body = Json.object();
    body.put("isArchived", false);
    body.put("isDraft", isDraft);
    if (!cmsLocaleIds.isEmpty()) {
      ArrayNode loc = body.putArray("cmsLocaleIds");
      cmsLocaleIds.forEach(loc::add);
    }
    ArrayNode arr = body.putArray("fieldData");
    fieldData.forEach(fd -> arr.add(MediaValues.forWebflow(fd)));
    return body;
  }

  /** {@code {items: [...]}} for an update of several items. */
  public static ObjectNode updates(List<ItemUpdate> updates) {
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("items");
    updates.forEach(u -> arr.add(WebflowJson.update(u)));
    return body;
  }

  /** {@code {itemIds: [...]}} for a publish of items. */
  public static ObjectNode publishItems(List<String> itemIds) {
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("itemIds");
    itemIds.forEach(arr::add);
    return body;
  }

  /** The body of a site publish. */
  public static ObjectNode publishSite(List<String> customDomainIds, boolean webflowSubdomain) {
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("customDomains");
    customDomainIds.forEach(arr::add);
    body.put("publishToWebflowSubdomain", webflowSubdomain);
    return body;
  }
}
