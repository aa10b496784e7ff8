package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.smartsuite.RecordQuery;

/** The JSON bodies of SmartSuite requests. Stateless and thread-safe. */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body of {@code POST /applications/{tableId}/records/list/}: {@code sort} (field and
   * direction), {@code filter} when set, and {@code hydrated}, as smartsuite-api.md's list records
   * request shows them.
   */
  public static ObjectNode listRecords(RecordQuery query) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode sort = body.putArray("sort");
    query
        .sort()
        .forEach(
            s ->
                sort.addObject()
                    .put("field", s.field())
                    .put("direction", s.ascending() ? "asc" : "desc"));
    if (query.filter() != null) {
      body.set("filter", query.filter());
    }
    body.put("hydrated", query.hydrated());
    return body;
  }

  /** {@code {"webhook": definition}}, the envelope of CreateWebhook and UpdateWebhook. */
  public static ObjectNode webhook(ObjectNode definition) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("webhook", definition);
    return body;
  }
}
