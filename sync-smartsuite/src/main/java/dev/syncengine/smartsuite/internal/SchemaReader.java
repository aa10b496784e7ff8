package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.smartsuite.SmartSuiteFieldTypes;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code GET /applications/{id}/} into a {@link SourceSchema}. Stateless. */
public final class SchemaReader {
  private SchemaReader() {}

  public static SourceSchema read(String tableId, JsonNode table) {
    List<SourceField> fields = new ArrayList<>();
    for (JsonNode f : table.path("structure")) {
      String slug = f.path("slug").asText("");
      if (slug.isEmpty()) {
        continue;
      }
      JsonNode params = f.path("params");
      fields.add(
          new SourceField(
              slug,
              f.path("label").asText(slug),
              f.path("field_type").asText(""),
              SmartSuiteFieldTypes.kindOf(f.path("field_type").asText("")),
              params.isObject() ? params.deepCopy() : JsonNodeFactory.instance.objectNode()));
    }
    return new SourceSchema(
        table.path("id").asText(tableId),
        table.path("name").asText(tableId),
        table.path("primary_field").asText("title"),
        fields);
  }
}
