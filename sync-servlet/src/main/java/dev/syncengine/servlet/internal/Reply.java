package dev.syncengine.servlet.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful admin answer: status, JSON body (null for none) and extra headers.
 *
 * @param status HTTP status
 * @param body serialised as JSON, or null for an empty body
 * @param headers extra response headers
 */
public record Reply(int status, Object body, Map<String, String> headers) {
  public static Reply ok(Object body) {
    return new Reply(200, body, new LinkedHashMap<>());
  }

  public static Reply created(Object body, String location) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Location", location);
    return new Reply(201, body, h);
  }

  public static Reply accepted(Object body) {
    return new Reply(202, body, new LinkedHashMap<>());
  }

  public static Reply noContent() {
    return new Reply(204, null, new LinkedHashMap<>());
  }

  public Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
