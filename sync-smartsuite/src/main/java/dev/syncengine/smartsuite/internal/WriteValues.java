package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns normalised values (the shapes {@link RecordNormaliser} produces, {@code docs/mapping.md})
 * back into the shapes SmartSuite stores, per field type, as {@code shared/reference/
 * smartsuite-api.md} "Field value shapes" lists them: numbers as text ({@code "19.95"}), a single
 * select as its choice id ("the choice id (not the label)"), multiple selects and tags as arrays of
 * ids, a status as {@code {value: choice id}}, dates as {@code {date, include_time}}, emails and
 * links as arrays of strings, phones as arrays of {@code {phone_number}}, yes/no as a boolean.
 * {@code null} clears a field with the type's empty value ("Empty values ({@code ""}, {@code []},
 * {@code false}) are left out of records"). Fields SmartSuite computes "cannot be set via API"
 * (update-record); they and types without a write shape here fail naming the field. Stateless.
 */
final class WriteValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> READ_ONLY =
      Set.of(
          "autonumberfield",
          "countfield",
          "firstcreatedfield",
          "formulafield",
          "lastupdatedfield",
          "recordid",
          "rollupfield",
          "votefield",
          "lookupfield");
  private static final Set<String> TEXT =
      Set.of("recordtitlefield", "textfield", "textareafield", "fullnamefield", "ipaddressfield");
  private static final Set<String> NUMBER_AS_TEXT =
      Set.of("numberfield", "currencyfield", "percentfield");
  private static final Set<String> NUMBER =
      Set.of("ratingfield", "numbersliderfield", "percentcompletefield");

  private WriteValues() {}

  /** The write body for {@code values} keyed by field slug (or label). */
  static ObjectNode toApi(SourceSchema schema, Map<String, JsonNode> values) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : values.entrySet()) {
      SourceField f =
          "title".equals(e.getKey())
              ? new SourceField("title", "Title", "recordtitlefield", null, null)
              : schema
                  .field(e.getKey())
                  .orElseThrow(() -> refuse(e.getKey(), "is not a field of the table"));
      out.set(f.slug(), value(f, e.getValue()));
    }
    return out;
  }

  private static JsonNode value(SourceField f, JsonNode v) {
    String type = f.type() == null ? "" : f.type().toLowerCase(Locale.ROOT);
    if (READ_ONLY.contains(type)) {
      throw refuse(f.slug(), "(" + type + ") is computed by SmartSuite and cannot be set via API");
    }
    boolean empty = v == null || v.isNull() || v.isMissingNode();
    if (TEXT.contains(type)) {
      return empty
          ? NODES.textNode("")
          : NODES.textNode(v.isTextual() ? v.textValue() : v.toString());
    }
    if (NUMBER_AS_TEXT.contains(type) || NUMBER.contains(type)) {
      if (empty) {
        return NODES.nullNode();
      }
      BigDecimal n = number(f, v);
      return NUMBER.contains(type) ? NODES.numberNode(n) : NODES.textNode(n.toPlainString());
    }
    return switch (type) {
      case "yesnofield" -> BooleanNode.valueOf(!empty && yes(f, v));
      case "singleselectfield" -> empty ? NODES.textNode("") : NODES.textNode(choice(f, v));
      case "statusfield" ->
          empty ? NODES.nullNode() : NODES.objectNode().put("value", choice(f, v));
      case "multipleselectfield", "tagsfield" -> choices(f, empty ? NODES.arrayNode() : v);
      case "datefield" -> empty ? NODES.nullNode() : date(f, v);
      case "emailfield", "linkfield", "linkedrecordfield" ->
          strings(f, empty ? NODES.arrayNode() : v);
      case "phonefield" -> phones(f, empty ? NODES.arrayNode() : v);
      default -> throw refuse(f.slug(), "(" + type + ") has no write shape in this engine yet");
    };
  }

  private static BigDecimal number(SourceField f, JsonNode v) {
    try {
      return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().strip());
    } catch (NumberFormatException e) {
      throw refuse(f.slug(), "takes a number, not '" + v.asText() + "'");
    }
  }

  private static boolean yes(SourceField f, JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return switch (v.asText().strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0", "" -> false;
      default -> throw refuse(f.slug(), "takes yes or no, not '" + v.asText() + "'");
    };
  }

  /** The choice id of a label (case-insensitive), or the value itself when it is an id. */
  private static String choice(SourceField f, JsonNode v) {
    String label = v.isObject() ? v.path("label").asText(v.path("value").asText()) : v.asText();
    JsonNode choices = f.params() == null ? NODES.arrayNode() : f.params().path("choices");
    for (JsonNode c : choices) {
      if (c.path("value").asText().equals(label)) {
        return label;
      }
    }
    for (JsonNode c : choices) {
      if (c.path("label").asText().strip().equalsIgnoreCase(label.strip())) {
        return c.path("value").asText();
      }
    }
    throw refuse(f.slug(), "has no choice '" + label + "'");
  }

  private static ArrayNode choices(SourceField f, JsonNode v) {
    ArrayNode out = NODES.arrayNode();
    (v.isArray() ? v : NODES.arrayNode().add(v)).forEach(c -> out.add(choice(f, c)));
    return out;
  }

  private static ObjectNode date(SourceField f, JsonNode v) {
    if (v.isObject() && v.has("date")) {
      return v.deepCopy();
    }
    try {
      Instant at = v.isNumber() ? Instant.ofEpochMilli(v.longValue()) : Instant.parse(v.asText());
      boolean midnight = at.atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
      return NODES.objectNode().put("date", at.toString()).put("include_time", !midnight);
    } catch (RuntimeException e) {
      throw refuse(f.slug(), "takes an ISO date, not '" + v.asText() + "'");
    }
  }

  private static ArrayNode strings(SourceField f, JsonNode v) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode s : v.isArray() ? v : NODES.arrayNode().add(v)) {
      if (!s.isValueNode()) {
        throw refuse(f.slug(), "takes text values");
      }
      out.add(s.asText());
    }
    return out;
  }

  private static ArrayNode phones(SourceField f, JsonNode v) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode p : v.isArray() ? v : NODES.arrayNode().add(v)) {
      out.add(p.isObject() ? p.deepCopy() : NODES.objectNode().put("phone_number", p.asText()));
    }
    return out;
  }

  static SyncException refuse(String field, String why) {
    return new SyncException(
        SyncError.permanent(
            "smartsuite_bad_write_value", "SmartSuite field '" + field + "' " + why, field));
  }
}
