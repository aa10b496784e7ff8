package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;

/** Reading normalised source values: emptiness, text and numbers. Stateless, thread-safe. */
public final class Values {
  public static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

  private Values() {}

  /** Missing, null, blank text, or an empty array or object: SmartSuite leaves these out. */
  public static boolean isEmpty(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return true;
    }
    if (n.isTextual()) {
      return n.textValue().isBlank();
    }
    return n.isContainerNode() && n.isEmpty();
  }

  /**
   * The text a person would expect for a value: numbers in plain decimal notation, dates as their
   * date, files as their URL, arrays joined with ", ".
   */
  public static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "";
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isNumber()) {
      if (!finite(n)) {
        return String.valueOf(n.doubleValue());
      }
      return plain(decimalOf(n));
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "true" : "false";
    }
    if (n.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : n) {
        String t = text(e);
        if (!t.isEmpty()) {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(t);
        }
      }
      return sb.toString();
    }
    if (n.has("from_date") || n.has("to_date")) {
      // a date range: "2025-05-01 – 2025-05-03", or the one end that is set
      String from = text(n.path("from_date"));
      String to = text(n.path("to_date"));
      return from.isEmpty() || to.isEmpty() ? from + to : from + " – " + to;
    }
    if (n.has("date")) {
      String date = n.path("date").asText("");
      return n.path("include_time").asBoolean(false) || date.length() < 10
          ? date
          : date.substring(0, 10);
    }
    for (String key : new String[] {"url", "html", "value", "label", "name"}) {
      if (n.hasNonNull(key)) {
        return text(n.get(key));
      }
    }
    return n.toString();
  }

  /** The exact decimal of a number node (doubles by their shortest representation). */
  public static BigDecimal decimalOf(JsonNode n) {
    if (n.isBigDecimal()) {
      return n.decimalValue();
    }
    if (n.isIntegralNumber()) {
      return n.isBigInteger()
          ? new BigDecimal(n.bigIntegerValue())
          : BigDecimal.valueOf(n.longValue());
    }
    return BigDecimal.valueOf(n.doubleValue());
  }

  /**
   * A number from a number node or numeric text ("19.95", " 42 ", "-1e3"); null when it is neither,
   * or when it lies outside what a JSON number (an IEEE double) can carry.
   */
  public static BigDecimal number(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isNumber()) {
      if (!finite(n)) {
        return null;
      }
      BigDecimal d = decimalOf(n);
      return inRange(d) ? d : null;
    }
    if (n.isTextual()) {
      return parse(n.textValue());
    }
    return null;
  }

  /**
   * Whether a decimal fits a double's range (about 1e-324 to 1e308). "1e2147483647" is valid
   * decimal text, but rounding or printing it would take minutes and Webflow could not store it.
   */
  private static boolean finite(JsonNode n) {
    return !(n.isDouble() || n.isFloat()) || Double.isFinite(n.doubleValue());
  }

  static boolean inRange(BigDecimal d) {
    if (d.signum() == 0) {
      return true;
    }
    long magnitude = (long) d.precision() - d.scale(); // digits before the point, or -zeros after
    return magnitude <= 309 && magnitude >= -323 && Double.isFinite(d.doubleValue());
  }

  /** Numeric text as a decimal, or null. */
  public static BigDecimal parse(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 100) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      BigDecimal d = new BigDecimal(t);
      return inRange(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number node for a decimal: integral values as integers, others exact. */
  public static JsonNode numberNode(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() <= 0 && s.precision() - s.scale() <= 18) {
      return JSON.numberNode(s.longValueExact());
    }
    return JSON.numberNode(s);
  }

  /** Plain decimal text without exponent or trailing zeros: "19.95", "20". */
  public static String plain(BigDecimal d) {
    if (!inRange(d)) {
      return d.toString(); // spelling out 1e9999999 would take minutes
    }
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /** A short, safe rendering of a value for error messages. */
  public static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
