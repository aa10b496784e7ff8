package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.webflow.WebflowCollection;
import dev.syncengine.webflow.internal.WebflowHttp.Kind;
import java.util.List;
import java.util.Map;

/**
 * Webflow's collection and field creation calls, beside {@link
 * dev.syncengine.webflow.WebflowClient} on the same HTTP stack (token, rate limiter, retries).
 * Request bodies follow webflow-openapi-v2.yml: {@code create-collection} ({@code POST
 * /sites/{site_id}/collections}, {@code displayName} and {@code singularName} required, {@code
 * slug} optional) and {@code create-field} ({@code POST /collections/{collection_id}/fields}, one
 * field: {@code type} and {@code displayName} required, {@code isRequired}, {@code helpText};
 * Option fields need {@code metadata.options[{name}]} (1-100), Reference and MultiReference fields
 * {@code metadata.collectionId}). The spec says "Field validation is currently not available
 * through the API", so no validations are sent. Both are creates: never retried when they may have
 * happened (the caller looks the collection or field up instead). Thread-safe.
 */
public final class SchemaClient {
  /** The types create-field accepts (its three oneOf alternatives in webflow-openapi-v2.yml). */
  public static final List<String> CREATABLE_TYPES =
      List.of(
          "Color",
          "DateTime",
          "Email",
          "File",
          "Image",
          "Link",
          "MultiImage",
          "Number",
          "Phone",
          "PlainText",
          "RichText",
          "Switch",
          "VideoLink",
          "Option",
          "Reference",
          "MultiReference");

  private final WebflowHttp http;

  public SchemaClient(WebflowHttp http) {
    this.http = http;
  }

  /** {@code POST /sites/{site_id}/collections}: the new collection with its own fields. */
  public WebflowCollection createCollection(
      String siteId, String displayName, String singularName, String slug) {
    ObjectNode body = Json.object();
    body.put("displayName", displayName);
    body.put("singularName", singularName);
    if (slug != null) {
      body.put("slug", slug);
    }
    JsonNode n =
        http.call("POST", CmsPaths.site(siteId) + "/collections", Map.of(), body, Kind.CREATE);
    return WebflowJson.collection(n);
  }

  /**
   * {@code POST /collections/{collection_id}/fields}: one field, as Webflow answers it.
   *
   * @param slug sent as in the spec's create-collection example ({@code fields[].slug}); Webflow
   *     lowercases it and turns spaces into hyphens, so callers use the slug of the answer
   * @param options option names, for Option fields
   * @param referenceCollectionId for Reference and MultiReference fields
   */
  public TargetField createField(
      String collectionId,
      String type,
      String displayName,
      String slug,
      boolean required,
      List<String> options,
      String referenceCollectionId) {
    ObjectNode body = Json.object();
    body.put("type", type);
    body.put("displayName", displayName);
    body.put("isRequired", required);
    if (slug != null) {
      body.put("slug", slug);
    }
    if (type.equals("Option")) {
      ArrayNode arr = body.putObject("metadata").putArray("options");
      options.forEach(o -> arr.addObject().put("name", o));
    } else if (type.equals("Reference") || type.equals("MultiReference")) {
      body.putObject("metadata").put("collectionId", referenceCollectionId);
    }
    JsonNode n =
        http.call(
            "POST", CmsPaths.collection(collectionId) + "/fields", Map.of(), body, Kind.CREATE);
    // The answer is the field itself; read it as a one-field collection to share the parsing.
    ObjectNode wrapper = Json.object();
    wrapper.putArray("fields").add(n);
    return WebflowJson.collection(wrapper).fields().get(0);
  }
}
