package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;

/**
 * A rule's files with alt text from another source field ({@code "alt": "Caption"}): each file's
 * {@code alt} becomes the text of that field; when it holds a list, the n-th file gets the n-th
 * text. An alt the file value already carries wins. Immutable, thread-safe.
 */
record AltRule(Rule inner, String altSlug, String altName) implements Rule {

  /** The wrapped rule, or null after reporting why {@code alt} cannot apply. */
  static Rule wrap(CompileContext ctx, TargetField field, Rule inner, JsonNode alt) {
    TargetKind k = field.kind();
    if (k != TargetKind.IMAGE && k != TargetKind.MULTI_IMAGE && k != TargetKind.FILE) {
      ctx.error(field.slug(), null, "\"alt\" applies to Image, MultiImage and File fields only");
      return null;
    }
    SourceField source =
        alt.isTextual() ? ctx.sources().resolve(alt.textValue()).orElse(null) : null;
    if (source == null) {
      ctx.error(
          field.slug(),
          null,
          "\"alt\" must name a source field (slug or label); unknown: " + Values.show(alt));
      return null;
    }
    return new AltRule(inner, source.slug(), alt.textValue());
  }

  @Override
  public JsonNode produce(RecordView record, MappingContext context, Issues issues) {
    JsonNode files = inner.produce(record, context, issues);
    JsonNode alts = record.get(altSlug);
    if (Values.isEmpty(files) || Values.isEmpty(alts)) {
      return files;
    }
    if (!files.isArray()) {
      return withAlt(files, alts.isArray() ? alts.get(0) : alts);
    }
    ArrayNode out = Values.JSON.arrayNode(files.size());
    for (int i = 0; i < files.size(); i++) {
      JsonNode alt = alts.isArray() ? alts.get(Math.min(i, alts.size() - 1)) : alts;
      out.add(withAlt(files.get(i), alt));
    }
    return out;
  }

  private static JsonNode withAlt(JsonNode file, JsonNode alt) {
    String text = Values.text(alt).strip();
    if (text.isEmpty()) {
      return file;
    }
    ObjectNode o;
    if (file.isTextual()) {
      o = Values.JSON.objectNode().put("url", file.textValue());
    } else if (file.isObject() && !file.hasNonNull("alt")) {
      o = ((ObjectNode) file).deepCopy();
    } else {
      return file;
    }
    o.put("alt", text);
    return o;
  }

  @Override
  public JsonNode input(RecordView record) {
    return inner.input(record);
  }

  @Override
  public String describe() {
    return inner.describe() + " alt(" + altName + ")";
  }
}
