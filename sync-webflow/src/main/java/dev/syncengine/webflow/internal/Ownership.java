package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides whether an item found by slug is the one a lost create of ours made.
 *
 * <p>With a marker field (the connection option {@code webflow.recordIdField} names a collection
 * field that the sink fills with the source record id) the marker decides. Without one, the item is
 * ours when it holds every value we sent: objects are compared on the keys we sent (Webflow adds
 * {@code fileId} to images), numbers by value. An item made by someone else with exactly our data
 * would be adopted too, which is harmless: it is indistinguishable, and adopting it is what avoids
 * a second copy. Stateless.
 */
public final class Ownership {
  private Ownership() {}

  public static boolean isOurs(
      String recordId, ObjectNode sent, ObjectNode found, String markerField) {
    if (markerField != null) {
      return recordId.equals(found.path(markerField).asText(null));
    }
    return contains(found, sent);
  }

  /** Whether {@code actual} holds everything {@code expected} says. */
  static boolean contains(JsonNode actual, JsonNode expected) {
    if (expected == null || expected.isNull()) {
      return actual == null || actual.isNull() || actual.isMissingNode();
    }
    if (actual == null) {
      return false;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!contains(actual.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!contains(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isNumber()) {
      return actual.isNumber() && actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }
}
