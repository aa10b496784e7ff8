package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a non-empty rule output into the value one Webflow field type accepts. Implementations are
 * immutable and thread-safe.
 */
@FunctionalInterface
public interface Coercer {
  /**
   * Coerces a value.
   *
   * @throws TransformException naming the value and the expected type when it cannot succeed
   */
  JsonNode coerce(JsonNode value, Issues issues);

  /** The first element of an array (warning when more are dropped), or the value itself. */
  static JsonNode single(JsonNode value, String type, Issues issues) {
    if (!value.isArray()) {
      return value;
    }
    if (value.size() > 1 && issues != null) {
      issues.warn(type + " holds one value; kept the first of " + value.size());
    }
    return value.get(0);
  }

  /**
   * The first element of an array, silently: SmartSuite stores emails, links, phones and files as
   * arrays even where people keep one, and these Webflow types hold one.
   */
  static JsonNode first(JsonNode value) {
    return single(value, null, null);
  }

  static TransformException cannot(JsonNode value, String type, String why) {
    return new TransformException(
        "cannot use " + Values.show(value) + " as " + type + (why == null ? "" : ": " + why));
  }
}
