package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The table of per-type normalisers {@link RecordNormaliser} looks a field's type up in: choice ids
 * become labels, numbers written as strings become exact decimals, dates become ISO dates or
 * instants, rich text becomes HTML, files become {url, id, size} objects, linked records become id
 * arrays, phones and addresses become display strings. Each entry is immutable and thread-safe.
 */
final class FieldNormalisers {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FieldNormalisers() {}

  /** The normaliser of each known type, reading choice labels and file URLs from those given. */
  static Map<String, FieldNormaliser> table(ChoiceLabels labels, FileUrlResolver files) {
    Map<String, FieldNormaliser> t = new HashMap<>();
    put(t, FieldNormalisers::text, "recordtitlefield", "textfield", "textareafield");
    put(t, FieldNormalisers::text, "ipaddressfield", "colorpickerfield");
    put(t, (f, v, w) -> NODES.textNode(richText(v)), "richtextareafield");
    put(t, FieldNormalisers::decimal, "numberfield", "currencyfield", "percentfield");
    put(t, FieldNormalisers::decimal, "ratingfield", "numbersliderfield", "percentcompletefield");
    put(t, FieldNormalisers::decimal, "countfield", "autonumberfield", "votefield");
    put(t, FieldNormalisers::date, "datefield");
    put(t, FieldNormalisers::dateRange, "daterangefield", "duedatefield");
    put(t, FieldNormalisers::systemTimestamp, "firstcreatedfield", "lastupdatedfield");
    put(t, (f, v, w) -> singleSelect(labels, f, v, w), "singleselectfield");
    put(t, (f, v, w) -> status(labels, f, v, w), "statusfield");
    put(t, (f, v, w) -> multipleSelect(labels, f, v, w), "multipleselectfield", "tagsfield");
    put(t, FieldNormalisers::linkedIds, "linkedrecordfield", "userfield", "assignedtofield");
    put(t, (f, v, w) -> fileUrls(files, f, v, w), "filefield", "imagefield", "signaturefield");
    put(t, (f, v, w) -> yesNo(v), "yesnofield");
    put(t, (f, v, w) -> strings(v, c -> c.asText("").trim()), "emailfield", "linkfield");
    put(t, (f, v, w) -> strings(v, ContactFormat::phone), "phonefield");
    put(t, (f, v, w) -> NODES.textNode(v == null ? "" : ContactFormat.address(v)), "addressfield");
    put(
        t,
        (f, v, w) -> NODES.textNode(v == null ? "" : ContactFormat.fullName(v)),
        "fullnamefield");
    // Undocumented shapes: pass them on untouched so a mapping expression can pick them apart.
    put(t, (f, v, w) -> raw(v), "formulafield", "rollupfield", "lookupfield");
    return Map.copyOf(t);
  }

  private static void put(Map<String, FieldNormaliser> t, FieldNormaliser n, String... types) {
    for (String type : types) {
      t.put(type, n);
    }
  }

  /** A copy of {@code v}, or JSON null. */
  static JsonNode raw(JsonNode v) {
    return v == null ? NullNode.instance : v.deepCopy();
  }

  private static JsonNode text(SourceField f, JsonNode v, List<String> warnings) {
    if ("colorpickerfield".equals(f.type()) && v != null && !v.isValueNode()) {
      return v.deepCopy();
    }
    return NODES.textNode(v == null ? "" : v.isValueNode() ? v.asText() : v.toString());
  }

  private static String richText(JsonNode v) {
    if (v == null) {
      return "";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    String html = v.path("html").asText("");
    if (!html.isBlank()) {
      return html;
    }
    JsonNode data = v.path("data");
    return data.isObject() ? ProseMirrorHtml.render(data) : "";
  }

  private static JsonNode decimal(SourceField f, JsonNode v, List<String> warnings) {
    if (v == null) {
      return NullNode.instance;
    }
    if (v.isNumber()) {
      return NODES.numberNode(v.decimalValue());
    }
    String s = v.asText("").trim();
    if (s.isEmpty()) {
      return NullNode.instance;
    }
    try {
      return NODES.numberNode(new BigDecimal(s));
    } catch (NumberFormatException e) {
      warnings.add("field '" + f.slug() + "' holds a non-numeric value; passed through raw");
      return v.deepCopy();
    }
  }

  /** {@code {date, include_time}} → "2024-05-01" or "2024-05-01T13:30:00Z". */
  private static JsonNode date(SourceField f, JsonNode v, List<String> warnings) {
    if (v == null || v.isNull()) {
      return NullNode.instance;
    }
    String text = v.isObject() ? v.path("date").asText("") : v.asText("");
    if (text.isEmpty() || text.equals("null")) {
      return NullNode.instance;
    }
    boolean includeTime =
        v.isObject() ? v.path("include_time").asBoolean(false) : text.length() > 10;
    try {
      if (text.length() == 10) {
        LocalDate d = LocalDate.parse(text);
        return NODES.textNode(
            includeTime ? d.atStartOfDay(ZoneOffset.UTC).toInstant().toString() : d.toString());
      }
      Instant at = OffsetDateTime.parse(text).toInstant();
      return NODES.textNode(
          includeTime ? at.toString() : at.atOffset(ZoneOffset.UTC).toLocalDate().toString());
    } catch (DateTimeParseException e) {
      warnings.add("field '" + f.slug() + "' holds an unreadable date; passed through raw");
      return NODES.textNode(text);
    }
  }

  private static JsonNode dateRange(SourceField f, JsonNode v, List<String> warnings) {
    ObjectNode range = NODES.objectNode();
    range.set("from", date(f, v == null ? null : v.get("from_date"), warnings));
    range.set("to", date(f, v == null ? null : v.get("to_date"), warnings));
    if ("duedatefield".equals(f.type())) {
      range.put("is_overdue", v != null && v.path("is_overdue").asBoolean(false));
      range.put("is_completed", v != null && v.path("status_is_completed").asBoolean(false));
    }
    return range;
  }

  private static JsonNode systemTimestamp(SourceField f, JsonNode v, List<String> warnings) {
    JsonNode on = v == null ? null : v.path("on");
    return on == null || !on.isTextual()
        ? NullNode.instance
        : NODES.textNode(instant(on.asText(), warnings, f.slug()));
  }

  /** An ISO instant of {@code text}; {@code text} itself, with a warning, when unreadable. */
  static String instant(String text, List<String> warnings, String slug) {
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      warnings.add("field '" + slug + "' holds an unreadable timestamp; passed through raw");
      return text;
    }
  }

  private static JsonNode singleSelect(
      ChoiceLabels labels, SourceField f, JsonNode v, List<String> warnings) {
    return v == null ? NullNode.instance : NODES.textNode(labels.label(f, v.asText(), warnings));
  }

  private static JsonNode status(
      ChoiceLabels labels, SourceField f, JsonNode v, List<String> warnings) {
    if (v == null) {
      return NullNode.instance;
    }
    String id = v.isObject() ? v.path("value").asText("") : v.asText();
    return id.isEmpty() ? NullNode.instance : NODES.textNode(labels.label(f, id, warnings));
  }

  private static JsonNode multipleSelect(
      ChoiceLabels labels, SourceField f, JsonNode v, List<String> warnings) {
    ArrayNode arr = NODES.arrayNode();
    for (JsonNode c : array(v)) {
      arr.add(
          labels.label(
              f,
              c.isObject() ? c.path("value").asText(c.path("id").asText()) : c.asText(),
              warnings));
    }
    return arr;
  }

  private static JsonNode linkedIds(SourceField f, JsonNode v, List<String> warnings) {
    ArrayNode arr = NODES.arrayNode();
    for (JsonNode c : array(v)) {
      arr.add(c.isObject() ? c.path("id").asText() : c.asText());
    }
    return arr;
  }

  private static JsonNode fileUrls(
      FileUrlResolver files, SourceField f, JsonNode v, List<String> warnings) {
    ArrayNode arr = NODES.arrayNode();
    for (JsonNode file : array(v)) {
      String handle = file.path("handle").asText("");
      if (handle.isEmpty()) {
        String url = file.path("url").asText("");
        if (!url.isEmpty()) {
          arr.add(url);
        }
        continue;
      }
      String url = files.urlFor(handle);
      if (url == null) {
        warnings.add("field '" + f.slug() + "' names a file that no longer exists");
      } else {
        arr.add(file(handle, url, file.path("metadata")));
      }
    }
    return arr;
  }

  /**
   * {@code {url, id, size?, name?, mimetype?}} (core's {@code FileValues}): the handle and size
   * identify the stored file, the URL is signed and changes (smartsuite-api.md, "filefield": {@code
   * {handle, metadata{filename, mimetype, size}}}; the URL comes from {@code
   * /shared-files/{handle}/url/}).
   */
  private static ObjectNode file(String handle, String url, JsonNode metadata) {
    ObjectNode o = NODES.objectNode();
    o.put("url", url);
    o.put("id", handle);
    JsonNode size = metadata.path("size");
    if (size.canConvertToLong()) {
      o.put("size", size.asLong());
    } else if (size.isTextual() && size.asText().strip().matches("\\d{1,18}")) {
      o.put("size", Long.parseLong(size.asText().strip()));
    }
    if (metadata.path("filename").isTextual()) {
      o.put("name", metadata.get("filename").asText());
    }
    if (metadata.path("mimetype").isTextual()) {
      o.put("mimetype", metadata.get("mimetype").asText());
    }
    return o;
  }

  private static JsonNode yesNo(JsonNode v) {
    return NODES.booleanNode(
        v != null && (v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText())));
  }

  /** The non-empty strings {@code format} makes of each element. */
  private static JsonNode strings(JsonNode v, Function<JsonNode, String> format) {
    ArrayNode arr = NODES.arrayNode();
    for (JsonNode c : array(v)) {
      String s = format.apply(c);
      if (!s.isEmpty()) {
        arr.add(s);
      }
    }
    return arr;
  }

  private static Iterable<JsonNode> array(JsonNode v) {
    if (v == null || v.isNull()) {
      return List.of();
    }
    return v.isArray() ? v : List.of(v);
  }
}
