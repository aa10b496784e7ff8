package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.mapping.MappingContext;
import java.util.Optional;

/**
 * Linked source record ids to Webflow item ids, through the id map of the connection that syncs the
 * linked table. A missing link is retryable while {@code waitForLink} holds and the context is not
 * on its final attempt; then {@code onMissing} decides: drop it with a warning, or fail. Immutable,
 * thread-safe.
 */
record ReferenceRule(
    String slug, String name, String linkedTable, boolean waitForLink, boolean warnOnMissing)
    implements Rule {

  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    JsonNode ids = record.get(slug);
    ArrayNode out = Values.JSON.arrayNode();
    if (Values.isEmpty(ids)) {
      return out;
    }
    for (JsonNode idNode : ids.isArray() ? ids : Values.JSON.arrayNode().add(ids)) {
      String id = idNode.isObject() ? idNode.path("id").asText(null) : idNode.asText(null);
      if (id == null || id.isBlank()) {
        continue;
      }
      Optional<String> itemId = context.itemIdFor(linkedTable, id);
      if (itemId.isPresent()) {
        out.add(itemId.get());
        continue;
      }
      String why =
          "linked record " + id + " (table " + linkedTable + ") has not synced to Webflow yet";
      if (waitForLink && !context.finalAttempt()) {
        throw new LinkPendingException(why);
      }
      if (!warnOnMissing) {
        throw new TransformException(why);
      }
      issues.warn(why + "; left out");
    }
    return out;
  }

  @Override
  public JsonNode input(RecordView record) {
    return record.get(slug);
  }

  @Override
  public String describe() {
    return "reference(" + name + ")";
  }
}
