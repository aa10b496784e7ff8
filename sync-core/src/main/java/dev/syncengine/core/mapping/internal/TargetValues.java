package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Equality of target values as the reverse path sees it. Stateless. */
public final class TargetValues {
  private TargetValues() {}

  /** Equal as target values: empty equals empty, numbers by value, instants by instant. */
  public static boolean same(JsonNode a, JsonNode b) {

    boolean ea = a == null || Values.isEmpty(a) || (a.isBoolean() && !a.booleanValue());
    boolean eb = b == null || Values.isEmpty(b) || (b.isBoolean() && !b.booleanValue());
    if (ea || eb) {
      return ea && eb;
    }
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = Values.number(a);
      BigDecimal y = Values.number(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a.isTextual() && b.isTextual() && !a.textValue().equals(b.textValue())) {
      try {
        return Instant.parse(a.textValue()).equals(Instant.parse(b.textValue()));
      } catch (RuntimeException e) {
        return false;
      }
    }
    return a.equals(b);
  }
}
