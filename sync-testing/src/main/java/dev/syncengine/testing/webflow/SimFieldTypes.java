package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Webflow's value rules per field type, as far as they are known. Stateless. */
final class SimFieldTypes {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9_-]{0,254})");

  private SimFieldTypes() {}

  /** Returns what is wrong with {@code v} for field {@code f}, or null when it is fine. */
  static String check(SimField f, JsonNode v) {
    if (v.isNull()) {
      return f.required() ? "Field is required: " + f.slug() : null;
    }
    if (f.slug().equals("slug")) {
      return v.isTextual() && SLUG.matcher(v.asText()).matches()
          ? null
          : "Slug must be lowercase letters, digits and hyphens, at most 256 characters";
    }
    return switch (f.type()) {
      case "PlainText", "RichText", "Link", "Email", "Phone", "VideoLink", "Color", "Reference" ->
          v.isTextual() ? null : "Expected a string";
      case "Number" -> v.isNumber() ? null : "Expected a number";
      case "Switch" -> v.isBoolean() ? null : "Expected a boolean";
      case "DateTime" -> dateTime(v);
      case "Option" -> option(f, v);
      case "MultiReference" -> stringArray(v);
      case "Image", "File" -> image(v);
      case "MultiImage" -> {
        if (!v.isArray()) {
          yield "Expected an array of images";
        }
        for (JsonNode e : v) {
          String p = image(e);
          if (p != null) {
            yield p;
          }
        }
        yield null;
      }
      default -> null;
    };
  }

  private static String dateTime(JsonNode v) {
    if (!v.isTextual()) {
      return "Expected an ISO 8601 date";
    }
    try {
      OffsetDateTime.parse(v.asText());
      return null;
    } catch (DateTimeParseException e) {
      return "Expected an ISO 8601 date";
    }
  }

  private static String option(SimField f, JsonNode v) {
    if (!v.isTextual()) {
      return "Expected an option id";
    }
    JsonNode options = f.validations().path("options");
    if (!options.isArray() || options.isEmpty()) {
      return null;
    }
    for (JsonNode o : options) {
      if (v.asText().equals(o.path("id").asText())) {
        return null;
      }
    }
    return "Unknown option id: " + v.asText();
  }

  private static String stringArray(JsonNode v) {
    if (!v.isArray()) {
      return "Expected an array of item ids";
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        return "Expected an array of item ids";
      }
    }
    return null;
  }

  /**
   * Webflow's write shape of an image or file: {@code {fileId?, url, alt?}}
   * (https://developers.webflow.com/data/reference/field-types-item-values, "ImageRef / Image"); a
   * property it does not describe is refused.
   */
  private static String image(JsonNode v) {
    if (v.isTextual()) {
      return null;
    }
    if (!v.isObject() || !(v.path("url").isTextual() || v.path("fileId").isTextual())) {
      return "Expected an image {fileId?, url, alt?}";
    }
    for (var it = v.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("url") && !k.equals("alt") && !k.equals("fileId")) {
        return "Unknown property of an image: " + k;
      }
    }
    return null;
  }
}
