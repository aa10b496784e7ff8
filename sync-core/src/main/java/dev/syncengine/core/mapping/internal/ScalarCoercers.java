package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number, boolean and date-time coercion. Thread-safe. */
final class ScalarCoercers {
  private ScalarCoercers() {}

  /**
   * Number: numbers and numeric text, checked against {@code format} (integer), {@code precision},
   * {@code allowNegative}, {@code allowZero}, {@code minValue} and {@code maxValue}.
   */
  static Coercer number(JsonNode validations, String type) {
    boolean integer = "integer".equals(validations.path("format").asText());
    int precision = validations.path("precision").asInt(-1);
    boolean allowNegative = validations.path("allowNegative").asBoolean(true);
    boolean allowZero = validations.path("allowZero").asBoolean(true);
    BigDecimal min = Values.number(validations.get("minValue"));
    BigDecimal max = Values.number(validations.get("maxValue"));
    return (v, issues) -> {
      JsonNode one = Coercer.single(v, type, issues);
      BigDecimal d = Values.number(one.isObject() ? one.path("value") : one);
      if (d == null) {
        throw Coercer.cannot(one, type, "not a number");
      }
      if (integer && d.stripTrailingZeros().scale() > 0) {
        throw Coercer.cannot(one, type, "the field takes whole numbers only");
      }
      if (!integer && precision >= 0 && d.scale() > precision) {
        d = d.setScale(precision, RoundingMode.HALF_UP);
      }
      if (!allowNegative && d.signum() < 0) {
        throw Coercer.cannot(one, type, "the field does not allow negative numbers");
      }
      if (!allowZero && d.signum() == 0) {
        throw Coercer.cannot(one, type, "the field does not allow zero");
      }
      if (min != null && d.compareTo(min) < 0) {
        throw Coercer.cannot(one, type, "below the minimum of " + Values.plain(min));
      }
      if (max != null && d.compareTo(max) > 0) {
        throw Coercer.cannot(one, type, "above the maximum of " + Values.plain(max));
      }
      return Values.numberNode(d);
    };
  }

  /** Boolean: booleans, true/false, yes/no, on/off, 1/0. */
  static Coercer switchField(String type) {
    return (v, issues) -> {
      JsonNode one = Coercer.single(v, type, issues);
      if (one.isBoolean()) {
        return one;
      }
      if (one.isNumber()) {
        BigDecimal d = Values.decimalOf(one);
        if (d.compareTo(BigDecimal.ONE) == 0) {
          return BooleanNode.TRUE;
        }
        if (d.signum() == 0) {
          return BooleanNode.FALSE;
        }
      }
      if (one.isTextual()) {
        switch (one.textValue().trim().toLowerCase(Locale.ROOT)) {
          case "true", "yes", "y", "on", "1", "checked" -> {
            return BooleanNode.TRUE;
          }
          case "false", "no", "n", "off", "0", "unchecked" -> {
            return BooleanNode.FALSE;
          }
          default -> {}
        }
      }
      throw Coercer.cannot(one, type, "expected true/false, yes/no or 1/0");
    };
  }

  /** Date-time: date objects, ISO text or epoch millis, written as ISO 8601 UTC. */
  static Coercer dateTime(String type) {
    return (v, issues) -> {
      Dates.When when = Dates.parse(v);
      if (when == null) {
        throw Coercer.cannot(v, type, "expected an ISO 8601 date such as 2024-03-15");
      }
      return Values.JSON.textNode(when.iso());
    };
  }
}
