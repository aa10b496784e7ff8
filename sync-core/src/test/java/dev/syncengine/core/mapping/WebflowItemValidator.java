package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code fieldData} against Webflow's item schema (required name and slug) and the value
 * shape of each collection field's type, as extracted in {@code webflow-item-schema.json}.
 */
final class WebflowItemValidator {
  private final JsonNode schema = Fixtures.resource("webflow-item-schema.json");
  private final TargetSchema collection;

  WebflowItemValidator(TargetSchema collection) {
    this.collection = collection;
  }

  /** Every violation; empty when the fieldData is a valid Webflow item. */
  List<String> violations(JsonNode fieldData) {
    List<String> out = new ArrayList<>();
    if (!fieldData.isObject()) {
      out.add("fieldData is not an object");
      return out;
    }
    for (JsonNode req : schema.path("fieldData").path("required")) {
      JsonNode v = fieldData.get(req.asText());
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        out.add("required " + req.asText() + " missing or not a non-empty string");
      }
    }
    String slug = fieldData.path("slug").asText("");
    if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*") || slug.length() > 256) {
      out.add("slug '" + slug + "' is not lowercase letters, digits and single hyphens");
    }
    Set<String> knownTypes = new HashSet<>();
    for (String group : List.of("staticFieldTypes", "optionFieldTypes", "referenceFieldTypes")) {
      schema.path(group).forEach(t -> knownTypes.add(t.asText()));
    }
    fieldData
        .fields()
        .forEachRemaining(
            e -> {
              TargetField f = collection.field(e.getKey()).orElse(null);
              if (f == null) {
                out.add("unknown field " + e.getKey());
                return;
              }
              if (!knownTypes.contains(f.type())) {
                out.add(f.slug() + " has a type Webflow's item schema does not list: " + f.type());
                return;
              }
              JsonNode v = e.getValue();
              if (v.isNull()) {
                if (f.required()) {
                  out.add(f.slug() + " is required but null");
                }
                return;
              }
              String problem = shape(f, v);
              if (problem != null) {
                out.add(f.slug() + " (" + f.type() + "): " + problem + ": " + v);
              }
            });
    return out;
  }

  private static String shape(TargetField f, JsonNode v) {
    switch (f.type()) {
      case "PlainText", "RichText", "Phone", "Color":
        return v.isTextual() ? null : "not a string";
      case "Email":
        return v.isTextual() && v.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
            ? null
            : "not an email";
      case "Link", "VideoLink":
        return v.isTextual() && isUrl(v.asText()) ? null : "not a URL";
      case "Number":
        return v.isNumber() ? null : "not a number";
      case "Switch":
        return v.isBoolean() ? null : "not a boolean";
      case "DateTime":
        try {
          OffsetDateTime.parse(v.asText());
          return v.isTextual() ? null : "not a string";
        } catch (RuntimeException e) {
          return "not ISO 8601";
        }
      case "Option":
        for (JsonNode o : f.validations().path("options")) {
          if (o.path("id").asText().equals(v.asText())) {
            return null;
          }
        }
        return "not an option id";
      case "Reference":
        return v.isTextual() ? null : "not an item id";
      case "MultiReference":
        if (!v.isArray()) {
          return "not an array";
        }
        for (JsonNode e : v) {
          if (!e.isTextual()) {
            return "holds a non-id";
          }
        }
        return null;
      case "Image", "File":
        return image(v);
      case "MultiImage":
        if (!v.isArray()) {
          return "not an array";
        }
        for (JsonNode e : v) {
          String p = image(e);
          if (p != null) {
            return p;
          }
        }
        return null;
      default:
        return "unexpected type";
    }
  }

  private static String image(JsonNode v) {
    if (!v.isObject() || !v.path("url").isTextual() || !isUrl(v.path("url").asText())) {
      return "not {url, alt?}";
    }
    for (var it = v.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("url") && !k.equals("alt")) {
        return "unexpected key " + k;
      }
    }
    return v.has("alt") && !v.get("alt").isTextual() ? "alt is not a string" : null;
  }

  private static boolean isUrl(String s) {
    try {
      URI u = new URI(s);
      return u.getScheme() != null && u.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }
}
