package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw SmartSuite record into the normalised shape the mapping engine reads: values keyed by
 * field slug plus {@code id} and {@code title}; choice ids become labels, numbers written as
 * strings become exact decimals, dates become ISO dates or instants, rich text becomes HTML, files
 * become public URLs, linked records become id arrays, phones and addresses become display strings.
 * A key SmartSuite left out becomes the empty value of its type. Unknown field types pass through
 * raw with a warning.
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
  private final FileUrlResolver files;
  private final Map<String, Map<String, String>> choiceLabels = new HashMap<>();

  public RecordNormaliser(SourceSchema schema, FileUrlResolver files) {
    this.schema = schema;
    this.files = files;
    for (SourceField f : schema.fields()) {
      JsonNode choices = f.params() == null ? null : f.params().path("choices");
      if (choices != null && choices.isArray()) {
        Map<String, String> labels = new HashMap<>();
        choices.forEach(c -> labels.put(c.path("value").asText(), c.path("label").asText()));
        choiceLabels.put(f.slug(), labels);
      }
    }
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
            on.isTextual() ? NODES.textNode(instant(on.asText(), warnings, k)) : NullNode.instance);
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
    switch (type) {
      case "recordtitlefield",
          "textfield",
          "textareafield",
          "ipaddressfield",
          "colorpickerfield" -> {
        if (type.equals("colorpickerfield") && v != null && !v.isValueNode()) {
          return v.deepCopy();
        }
        return NODES.textNode(v == null ? "" : v.isValueNode() ? v.asText() : v.toString());
      }
      case "richtextareafield" -> {
        return NODES.textNode(richText(v));
      }
      case "numberfield",
          "currencyfield",
          "percentfield",
          "ratingfield",
          "numbersliderfield",
          "percentcompletefield",
          "countfield",
          "autonumberfield",
          "votefield" -> {
        return decimal(f, v, warnings);
      }
      case "datefield" -> {
        return date(f, v, warnings);
      }
      case "daterangefield", "duedatefield" -> {
        ObjectNode range = NODES.objectNode();
        range.set("from", date(f, v == null ? null : v.get("from_date"), warnings));
        range.set("to", date(f, v == null ? null : v.get("to_date"), warnings));
        if (type.equals("duedatefield")) {
          range.put("is_overdue", v != null && v.path("is_overdue").asBoolean(false));
          range.put("is_completed", v != null && v.path("status_is_completed").asBoolean(false));
        }
        return range;
      }
      case "firstcreatedfield", "lastupdatedfield" -> {
        JsonNode on = v == null ? null : v.path("on");
        return on == null || !on.isTextual()
            ? NullNode.instance
            : NODES.textNode(instant(on.asText(), warnings, f.slug()));
      }
      case "singleselectfield" -> {
        return v == null ? NullNode.instance : NODES.textNode(label(f, v.asText(), warnings));
      }
      case "statusfield" -> {
        if (v == null) {
          return NullNode.instance;
        }
        String id = v.isObject() ? v.path("value").asText("") : v.asText();
        return id.isEmpty() ? NullNode.instance : NODES.textNode(label(f, id, warnings));
      }
      case "multipleselectfield", "tagsfield" -> {
        ArrayNode arr = NODES.arrayNode();
        for (JsonNode c : array(v)) {
          arr.add(
              label(
                  f,
                  c.isObject() ? c.path("value").asText(c.path("id").asText()) : c.asText(),
                  warnings));
        }
        return arr;
      }
      case "linkedrecordfield", "userfield", "assignedtofield" -> {
        ArrayNode arr = NODES.arrayNode();
        for (JsonNode c : array(v)) {
          arr.add(c.isObject() ? c.path("id").asText() : c.asText());
        }
        return arr;
      }
      case "filefield", "imagefield", "signaturefield" -> {
        return files(f, v, warnings);
      }
      case "yesnofield" -> {
        return NODES.booleanNode(
            v != null && (v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText())));
      }
      case "emailfield", "linkfield" -> {
        ArrayNode arr = NODES.arrayNode();
        for (JsonNode c : array(v)) {
          String s = c.asText("").trim();
          if (!s.isEmpty()) {
            arr.add(s);
          }
        }
        return arr;
      }
      case "phonefield" -> {
        ArrayNode arr = NODES.arrayNode();
        for (JsonNode c : array(v)) {
          String s = ContactFormat.phone(c);
          if (!s.isEmpty()) {
            arr.add(s);
          }
        }
        return arr;
      }
      case "addressfield" -> {
        return NODES.textNode(v == null ? "" : ContactFormat.address(v));
      }
      case "fullnamefield" -> {
        return NODES.textNode(v == null ? "" : ContactFormat.fullName(v));
      }
      case "formulafield", "rollupfield", "lookupfield" -> {
        // Undocumented shapes: pass them on untouched so a mapping expression can pick them apart.
        return v == null ? NullNode.instance : v.deepCopy();
      }
      default -> {
        warnings.add(
            "field '" + f.slug() + "' has unknown type '" + type + "'; passed through raw");
        return v == null ? NullNode.instance : v.deepCopy();
      }
    }
  }

  private String richText(JsonNode v) {
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

  private JsonNode decimal(SourceField f, JsonNode v, List<String> warnings) {
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
  private JsonNode date(SourceField f, JsonNode v, List<String> warnings) {
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

  private static String instant(String text, List<String> warnings, String slug) {
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      warnings.add("field '" + slug + "' holds an unreadable timestamp; passed through raw");
      return text;
    }
  }

  private String label(SourceField f, String id, List<String> warnings) {
    Map<String, String> labels = choiceLabels.get(f.slug());
    String label = labels == null ? null : labels.get(id);
    if (label == null) {
      warnings.add("field '" + f.slug() + "' has no choice '" + id + "'; kept the id");
      return id;
    }
    return label;
  }

  private JsonNode files(SourceField f, JsonNode v, List<String> warnings) {
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
        arr.add(url);
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
