package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.FieldConstraints;
import dev.syncengine.core.model.FileValues;

/**
 * Image, MultiImage and File: {@code {url, alt?}} with a public http(s) URL, plus the file's
 * identity at the source ({@link FileValues#IDENTITY}) when the source gave one. The target's
 * limits come from the field's {@link FieldConstraints}: a file larger than {@code maxFileBytes}
 * (when the source states its size) is left out with a warning, a list keeps its first {@code
 * maxItems} files in order. A single-file field whose files are all too large is left out of the
 * item ({@code MissingNode}), so the target keeps what it holds. Thread-safe.
 */
final class MediaCoercers {
  private MediaCoercers() {}

  static Coercer single(String type, FieldConstraints limits) {
    return (v, issues) -> {
      JsonNode first = v.isArray() ? firstFitting(v, type, limits, issues) : v;
      // Only files too large were given: leave the field out, so the item keeps what it holds.
      if (first == null || !fits(first, type, limits, issues)) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      return file(first, type);
    };
  }

  static Coercer multiImage(String type, FieldConstraints limits) {
    return (v, issues) -> {
      ArrayNode out = Values.JSON.arrayNode();
      Integer max = limits.maxItems();
      for (JsonNode e : v.isArray() ? v : Values.JSON.arrayNode().add(v)) {
        if (Values.isEmpty(e) || !fits(e, type, limits, issues)) {
          continue;
        }
        if (max != null && out.size() == max) {
          issues.warn(type + " holds at most " + max + " images; kept the first " + max);
          break;
        }
        out.add(file(e, type));
      }
      return out;
    };
  }

  /** The first element that is not too large (a file field keeps one file), or null. */
  private static JsonNode firstFitting(
      JsonNode arr, String type, FieldConstraints limits, Issues issues) {
    for (JsonNode e : arr) {
      if (Values.isEmpty(e)) {
        continue;
      }
      if (fits(e, type, limits, issues)) {
        return e;
      }
    }
    return null;
  }

  /** False, with a warning, for a file whose stated size is over the target's limit. */
  private static boolean fits(JsonNode v, String type, FieldConstraints limits, Issues issues) {
    Long max = limits.maxFileBytes();
    Long size = FileValues.size(v);
    if (max == null || size == null || size <= max) {
      return true;
    }
    String name = v.path("name").asText("");
    issues.warn(
        (name.isEmpty() ? "a file" : "file '" + name + "'")
            + " of "
            + size
            + " bytes is over "
            + type
            + "'s limit of "
            + max
            + " bytes; left out");
    return false;
  }

  private static ObjectNode file(JsonNode v, String type) {
    String url;
    String alt = null;
    if (v.isTextual()) {
      url = v.textValue().strip();
    } else if (v.isObject() && v.hasNonNull("url")) {
      url = v.get("url").asText().strip();
      alt = v.hasNonNull("alt") ? v.get("alt").asText() : null;
    } else {
      throw Coercer.cannot(v, type, "expected a file {url, alt} or a URL");
    }
    if (!LinkCoercers.isWebUrl(url)) {
      throw Coercer.cannot(v, type, "the URL must be a public http(s) address");
    }
    ObjectNode out = Values.JSON.objectNode();
    out.put("url", url);
    if (alt != null && !alt.isBlank()) {
      out.put("alt", alt);
    }
    String identity =
        v.hasNonNull(FileValues.IDENTITY)
            ? v.get(FileValues.IDENTITY).asText()
            : FileValues.sourceIdentity(v);
    if (identity != null) {
      out.put(FileValues.IDENTITY, identity);
    }
    return out;
  }
}
