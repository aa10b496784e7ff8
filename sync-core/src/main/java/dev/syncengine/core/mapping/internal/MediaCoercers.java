package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Image, MultiImage and File: {@code {url, alt?}} with a public http(s) URL. Thread-safe. */
final class MediaCoercers {
  /** Webflow's limit on images in one MultiImage field. */
  static final int MAX_MULTI_IMAGES = 25;

  private MediaCoercers() {}

  static Coercer single(String type) {
    return (v, issues) -> file(Coercer.first(v), type);
  }

  static Coercer multiImage(String type) {
    return (v, issues) -> {
      ArrayNode out = Values.JSON.arrayNode();
      for (JsonNode e : v.isArray() ? v : Values.JSON.arrayNode().add(v)) {
        if (Values.isEmpty(e)) {
          continue;
        }
        if (out.size() == MAX_MULTI_IMAGES) {
          issues.warn(type + " holds at most " + MAX_MULTI_IMAGES + " images; kept the first");
          break;
        }
        out.add(file(e, type));
      }
      return out;
    };
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
    return out;
  }
}
