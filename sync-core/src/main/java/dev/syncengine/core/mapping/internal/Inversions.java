package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives the inverse of a field's forward rule: the table of {@code docs/mapping.md}, "Two-way
 * building blocks". Only {@code direct} rules are inverted, and only for the kind pairs below, with
 * post-transforms that are the identity on their own output (so the inverse is the identity and
 * {@link ReversePlan} checks that the forward rule gives the value back). Stateless.
 */
final class Inversions {
  /** Post-transforms t with t(t(x)) = t(x): a value t produced passes through t unchanged. */
  private static final Set<String> IDEMPOTENT =
      Set.of("trim", "uppercase", "lowercase", "round", "floor", "ceil", "truncate");

  /** Turns a target value into the normalised source value. Throws {@link TransformException}. */
  @FunctionalInterface
  interface Inverter {
    JsonNode invert(JsonNode targetValue);
  }

  /** An inverter, or why there is none. */
  record Inversion(Inverter inverter, String reason) {
    static Inversion none(String reason) {
      return new Inversion(null, reason);
    }
  }

  private Inversions() {}

  /** The inverse of {@code plan} reading {@code source}, with the rule's option overrides. */
  static Inversion of(FieldPlan plan, SourceField source, Map<String, String> overrides) {
    Rule rule = plan.rule();
    if (!(rule instanceof DirectRule)) {
      String kind = rule.describe().replaceFirst("\\(.*", "");
      return Inversion.none(
          "a "
              + kind
              + " rule cannot be inverted; only direct rules have a derived reverse (for now)");
    }
    for (PostTransform p : plan.post()) {
      if (!IDEMPOTENT.contains(p.transform().id())) {
        return Inversion.none("post-transform " + p + " cannot be inverted");
      }
    }
    if (source == null || SourceFields.RECORD_ID_TYPE.equals(source.type())) {
      return Inversion.none("the record id cannot be written");
    }
    Inverter inv = inverter(source, plan.target(), overrides);
    if (inv == null) {
      return Inversion.none(
          "source '"
              + source.label()
              + "' ("
              + source.type()
              + ") to "
              + plan.target().type()
              + " has no inverse");
    }
    return new Inversion(inv, null);
  }

  private static Inverter inverter(
      SourceField source, TargetField target, Map<String, String> overrides) {
    SourceKind s = source.kind();
    TargetKind t = target.kind();
    return switch (t) {
      case TEXT -> s == SourceKind.TEXT ? Inversions::text : null;
      case LINK, EMAIL, PHONE -> {
        if (s == SourceKind.TEXT) {
          yield Inversions::text;
        }
        boolean same =
            (s == SourceKind.LINK && t == TargetKind.LINK)
                || (s == SourceKind.EMAIL && t == TargetKind.EMAIL)
                || (s == SourceKind.PHONE && t == TargetKind.PHONE);
        yield same ? Inversions::list : null;
      }
      case NUMBER -> s == SourceKind.NUMBER ? Inversions::number : null;
      case BOOLEAN -> s == SourceKind.BOOLEAN ? Inversions::bool : null;
      case DATE_TIME -> s == SourceKind.DATE ? Inversions::date : null;
      case OPTION -> s == SourceKind.CHOICE ? new OptionInverter(source, target, overrides) : null;
      default -> null;
    };
  }

  private static JsonNode text(JsonNode v) {
    return Values.isEmpty(v) ? NullNode.getInstance() : Values.JSON.textNode(Values.text(v));
  }

  /** Email, link and phone fields hold lists: {@code ["a@b.example"]}. */
  private static JsonNode list(JsonNode v) {
    return Values.isEmpty(v)
        ? Values.JSON.arrayNode()
        : Values.JSON.arrayNode().add(Values.text(v));
  }

  /** Numbers go back as exact decimal text, as the source normalises them. */
  private static JsonNode number(JsonNode v) {
    if (Values.isEmpty(v)) {
      return NullNode.getInstance();
    }
    BigDecimal d = Values.number(v);
    if (d == null) {
      throw new TransformException("'" + Values.show(v) + "' is not a number");
    }
    return Values.JSON.textNode(Values.plain(d));
  }

  private static JsonNode bool(JsonNode v) {
    return BooleanNode.valueOf(!Values.isEmpty(v) && v.asBoolean());
  }

  /** An instant becomes {@code {date, include_time}}; midnight UTC is a day without a time. */
  private static JsonNode date(JsonNode v) {
    if (Values.isEmpty(v)) {
      return NullNode.getInstance();
    }
    Instant at;
    try {
      at = Instant.parse(Values.text(v));
    } catch (RuntimeException e) {
      throw new TransformException("'" + Values.show(v) + "' is not an ISO 8601 date");
    }
    boolean midnight = at.atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
    return Values.JSON.objectNode().put("date", at.toString()).put("include_time", !midnight);
  }

  /** Option id → option name → the source choice label that maps to it. */
  private record OptionInverter(
      SourceField source, TargetField target, Map<String, String> overrides) implements Inverter {
    @Override
    public JsonNode invert(JsonNode v) {
      if (Values.isEmpty(v)) {
        return NullNode.getInstance();
      }
      String id = Values.text(v);
      String name = null;
      JsonNode options = target.validations() == null ? null : target.validations().path("options");
      for (JsonNode o : options == null ? Values.JSON.arrayNode() : options) {
        if (o.path("id").asText().equals(id) || o.path("name").asText().equals(id)) {
          name = o.path("name").asText();
          id = o.path("id").asText();
        }
      }
      if (name == null) {
        throw new TransformException("'" + id + "' is not an option of this field");
      }
      for (Map.Entry<String, String> e : overrides.entrySet()) {
        if (e.getValue().equals(id) || key(e.getValue()).equals(key(name))) {
          return Values.JSON.textNode(e.getKey());
        }
      }
      JsonNode choices = source.params() == null ? null : source.params().path("choices");
      if (choices == null || !choices.isArray() || choices.isEmpty()) {
        return Values.JSON.textNode(name);
      }
      for (JsonNode c : choices) {
        if (key(c.path("label").asText()).equals(key(name))) {
          return Values.JSON.textNode(c.path("label").asText());
        }
      }
      throw new TransformException(
          "option '" + name + "' matches no choice of source '" + source.label() + "'");
    }
  }

  private static String key(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
