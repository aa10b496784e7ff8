package dev.syncengine.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.model.ItemAction;
import java.util.List;

/**
 * The scenarios' mapping: {@code title → name}, {@code "r-" + id → slug}, {@code price} and {@code
 * rev} copied. Two kinds of poison, for the dead-letter checks: a record without a title fails as a
 * permanent mapping error, and the title {@value #BUG_TITLE} throws an unchecked exception as a
 * buggy mapping would. Stateless.
 */
public final class CopyMapping {
  public static final String BUG_TITLE = "throw-a-bug";

  private CopyMapping() {}

  public static MappingCompiler compiler() {
    return (version, source, target) ->
        (record, context) -> {
          JsonNode title = record.values().get("title");
          if (title == null || !title.isTextual() || title.asText().isBlank()) {
            throw new MappingException("name", "title is required", false);
          }
          if (title.asText().equals(BUG_TITLE)) {
            throw new IllegalStateException("a mapping bug");
          }
          ObjectNode fd = JsonNodeFactory.instance.objectNode();
          fd.put("name", title.asText());
          fd.put("slug", "r-" + record.id());
          fd.set("price", record.values().get("price"));
          fd.set("rev", record.values().get("rev"));
          return new MappedItem(fd, ItemAction.DEFAULT, List.of());
        };
  }
}
