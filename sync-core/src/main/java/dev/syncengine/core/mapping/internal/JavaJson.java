package dev.syncengine.core.mapping.internal;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between Jackson trees and the plain Java values JSONata evaluates. Thread-safe. */
final class JavaJson {
  private JavaJson() {}

  static Object toJava(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return null;
    }
    switch (n.getNodeType()) {
      case STRING:
        return n.textValue();
      case NUMBER:
        if (n.isInt()) {
          return n.intValue();
        }
        if (n.isLong()) {
          return n.longValue();
        }
        return n.doubleValue();
      case BOOLEAN:
        return n.booleanValue();
      case ARRAY:
        List<Object> list = new ArrayList<>(n.size());
        for (JsonNode e : n) {
          list.add(toJava(e));
        }
        return list;
      case OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          map.put(e.getKey(), toJava(e.getValue()));
        }
        return map;
      default:
        return Jsonata.NULL_VALUE;
    }
  }

  /**
   * A JSONata result as JSON; undefined becomes a missing node.
   *
   * @throws TransformException when the result is a function or another non-JSON value
   */
  static JsonNode toJson(Object o) {
    if (o == null) {
      return MissingNode.getInstance();
    }
    if (o == Jsonata.NULL_VALUE) {
      return NullNode.getInstance();
    }
    if (o instanceof String s) {
      return Values.JSON.textNode(s);
    }
    if (o instanceof Boolean b) {
      return Values.JSON.booleanNode(b);
    }
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return Values.JSON.numberNode(((Number) o).longValue());
    }
    if (o instanceof BigDecimal d) {
      return Values.numberNode(d);
    }
    if (o instanceof BigInteger i) {
      return Values.numberNode(new BigDecimal(i));
    }
    if (o instanceof Number num) {
      double d = num.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new TransformException("the expression produced " + d + ", not a number");
      }
      return Values.numberNode(BigDecimal.valueOf(d));
    }
    if (o instanceof Map<?, ?> m) {
      ObjectNode out = Values.JSON.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        JsonNode v = toJson(e.getValue());
        if (!v.isMissingNode()) {
          out.set(String.valueOf(e.getKey()), v);
        }
      }
      return out;
    }
    if (o instanceof List<?> l) {
      ArrayNode out = Values.JSON.arrayNode(l.size());
      for (Object e : l) {
        JsonNode v = toJson(e);
        if (!v.isMissingNode()) {
          out.add(v);
        }
      }
      return out;
    }
    throw new TransformException("the expression produced a " + describe(o) + ", not a JSON value");
  }

  private static String describe(Object o) {
    return o.getClass().getName().startsWith("com.dashjoin.jsonata.")
        ? "function"
        : o.getClass().getSimpleName();
  }
}
