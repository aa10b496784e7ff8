package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Evaluates the list endpoint's {@code filter} and {@code sort} against records. Stateless. */
final class SimRecordQuery {
  private SimRecordQuery() {}

  /** Thrown for a filter or sort the simulator does not understand (answered with 400). */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }

  static List<ObjectNode> apply(List<ObjectNode> records, JsonNode body) {
    JsonNode filter = body.path("filter");
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode r : records) {
      if (filter.isMissingNode() || filter.isNull() || matches(r, filter)) {
        out.add(r);
      }
    }
    JsonNode sort = body.path("sort");
    if (sort.isArray() && sort.size() > 0) {
      Comparator<ObjectNode> cmp = null;
      for (JsonNode s : sort) {
        String field = s.path("field").asText();
        Comparator<ObjectNode> c =
            Comparator.comparing(
                r -> comparable(value(r, field)), SimRecordQuery::compareNullsLast);
        if ("desc".equalsIgnoreCase(s.path("direction").asText("asc"))) {
          c = c.reversed();
        }
        cmp = cmp == null ? c : cmp.thenComparing(c);
      }
      out.sort(cmp); // List.sort is stable: ties keep creation order
    }
    return out;
  }

  private static boolean matches(ObjectNode r, JsonNode filter) {
    JsonNode fields = filter.path("fields");
    if (!fields.isArray() || fields.isEmpty()) {
      return true;
    }
    boolean or = "or".equalsIgnoreCase(filter.path("operator").asText("and"));
    for (JsonNode f : fields) {
      boolean m = f.has("fields") ? matches(r, f) : condition(r, f);
      if (or && m) {
        return true;
      }
      if (!or && !m) {
        return false;
      }
    }
    return !or;
  }

  private static boolean condition(ObjectNode r, JsonNode f) {
    JsonNode v = value(r, f.path("field").asText());
    JsonNode want = f.path("value");
    String cmp = f.path("comparison").asText();
    switch (cmp) {
      case "is", "is_equal_to":
        return v != null && scalarEquals(v, want);
      case "is_not", "is_not_equal_to":
        return v == null || !scalarEquals(v, want);
      case "is_any_of", "has_any_of":
        return anyOf(v, want);
      case "is_none_of", "has_none_of":
        return !anyOf(v, want);
      case "contains":
        return v != null
            && text(v).toLowerCase(Locale.ROOT).contains(want.asText().toLowerCase(Locale.ROOT));
      case "not_contains":
        return v == null
            || !text(v).toLowerCase(Locale.ROOT).contains(want.asText().toLowerCase(Locale.ROOT));
      case "is_empty":
        return v == null || v.isNull() || (v.isContainerNode() && v.isEmpty()) || text(v).isEmpty();
      case "is_not_empty":
        return !(v == null
            || v.isNull()
            || (v.isContainerNode() && v.isEmpty())
            || text(v).isEmpty());
      case "is_greater_than", "is_less_than", "is_equal_or_greater_than", "is_equal_or_less_than":
        return v != null && numberCompare(v, want, cmp);
      case "is_after", "is_before", "is_on_or_after", "is_on_or_before":
        return v != null && dateCompare(v, want, cmp);
      default:
        throw new BadQuery("unsupported comparison '" + cmp + "'");
    }
  }

  /** The comparable part of a value: {@code on} of system dates, {@code date}, status value. */
  static JsonNode value(ObjectNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null) {
      return null;
    }
    if (v.isObject()) {
      for (String k : new String[] {"on", "date", "value"}) {
        if (v.has(k)) {
          return v.get(k);
        }
      }
    }
    return v;
  }

  private static boolean scalarEquals(JsonNode v, JsonNode want) {
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (scalarEquals(e, want)) {
          return true;
        }
      }
      return false;
    }
    BigDecimal a = decimal(v);
    BigDecimal b = decimal(want);
    if (a != null && b != null) {
      return a.compareTo(b) == 0;
    }
    return text(v).equals(text(want));
  }

  private static boolean anyOf(JsonNode v, JsonNode want) {
    if (v == null) {
      return false;
    }
    for (JsonNode w : want.isArray() ? want : List.of(want)) {
      if (scalarEquals(v, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean numberCompare(JsonNode v, JsonNode want, String cmp) {
    BigDecimal a = decimal(v);
    BigDecimal b = decimal(want);
    if (a == null || b == null) {
      return false;
    }
    int c = a.compareTo(b);
    return switch (cmp) {
      case "is_greater_than" -> c > 0;
      case "is_less_than" -> c < 0;
      case "is_equal_or_greater_than" -> c >= 0;
      default -> c <= 0;
    };
  }

  private static boolean dateCompare(JsonNode v, JsonNode want, String cmp) {
    Instant a = instant(text(v));
    JsonNode w = want.isObject() ? want.path("date_mode_value") : want;
    Instant b = instant(w.asText());
    if (a == null || b == null) {
      throw new BadQuery("date filters need ISO dates");
    }
    int c = a.compareTo(b);
    return switch (cmp) {
      case "is_after" -> c > 0;
      case "is_before" -> c < 0;
      case "is_on_or_after" -> c >= 0;
      default -> c <= 0;
    };
  }

  static Instant instant(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Comparable<Object> comparable(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    BigDecimal d = decimal(v);
    String t = text(v);
    Instant at = t.length() >= 10 && t.charAt(4) == '-' ? instant(t) : null;
    Object key = d != null ? d : at != null ? at : t;
    @SuppressWarnings("unchecked")
    Comparable<Object> c = (Comparable<Object>) key;
    return c;
  }

  private static int compareNullsLast(Comparable<Object> a, Comparable<Object> b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    if (a.getClass() != b.getClass()) {
      return a.toString().compareTo(b.toString());
    }
    return a.compareTo(b);
  }

  private static BigDecimal decimal(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual() && maybeNumber(v.asText())) {
      try {
        return new BigDecimal(v.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * A cheap pre-check before parsing: record ids and dates are compared by the thousand per list
   * call, and a thrown NumberFormatException for each made the simulator, not the code under test,
   * the bottleneck of large fetches.
   */
  private static boolean maybeNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
