package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw SmartSuite record into the normalised shape the mapping engine reads: values keyed by
 * field slug plus {@code id} and {@code title}; choice ids become labels, numbers written as
 * strings become exact decimals, dates become ISO dates or instants, rich text becomes HTML, files
 * become public URLs, linked records become id arrays, phones and addresses become display strings
 * (one {@link FieldNormaliser} per type, from {@link FieldNormalisers}). A key SmartSuite left out
 * becomes the empty value of its type. Unknown field types pass through raw with a warning.
 *
 * <p>Immutable and thread-safe once built; build one per schema version.
 */
public final class RecordNormaliser {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> SYSTEM_KEYS =
      Set.of(
          "id",
          "title",
          "application_id",
          "application_slug",
          "autonumber",
          "first_created",
          "last_updated",
          "deleted_date",
          "deleted_by",
          "comments_count",
          "followed_by",
          "ranking");

  private final SourceSchema schema;
  private final Map<String, FieldNormaliser> byType;

  public RecordNormaliser(SourceSchema schema, FileUrlResolver files) {
    this.schema = schema;
    this.byType = FieldNormalisers.table(new ChoiceLabels(schema), files);
  }

  /**
   * The outcome of normalising one record.
   *
   * @param values the normalised values
   * @param warnings what could not be normalised (unknown types, unparseable values), for the log
   */
  public record Result(ObjectNode values, List<String> warnings) {}

  public Result normalise(ObjectNode raw) {
    List<String> warnings = new ArrayList<>();
    ObjectNode out = NODES.objectNode();
    out.put("id", raw.path("id").asText());
    out.put("title", raw.path("title").asText(""));
    for (SourceField f : schema.fields()) {
      if (f.slug().equals("id") || f.slug().equals("title")) {
        continue;
      }
      JsonNode v = raw.get(f.slug());
      out.set(f.slug(), value(f, v == null || v.isNull() ? null : v, warnings));
    }
    for (String k : new String[] {"first_created", "last_updated"}) {
      if (!out.has(k)) {
        JsonNode on = raw.path(k).path("on");
        out.set(
            k,
            on.isTextual()
                ? NODES.textNode(FieldNormalisers.instant(on.asText(), warnings, k))
                : NullNode.instance);
      }
    }
    raw.fieldNames()
        .forEachRemaining(
            k -> {
              if (!out.has(k) && !SYSTEM_KEYS.contains(k)) {
                warnings.add("field '" + k + "' is not in the table's schema; passed through raw");
                out.set(k, raw.get(k).deepCopy());
              }
            });
    return new Result(out, List.copyOf(warnings));
  }

  private JsonNode value(SourceField f, JsonNode v, List<String> warnings) {
    String type = f.type() == null ? "" : f.type();
    FieldNormaliser normaliser = byType.get(type);
    if (normaliser == null) {
      warnings.add("field '" + f.slug() + "' has unknown type '" + type + "'; passed through raw");
      return FieldNormalisers.raw(v);
    }
    return normaliser.normalise(f, v, warnings);
  }
}
