package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** One admin request as a handler sees it. Not thread-safe: one per request. */
public final class Call {
  private final HttpServletRequest req;
  private final HttpServletResponse resp;
  private final Map<String, String> params;
  private final JsonNode body;
  private final Sessions.Session session;

  Call(
      HttpServletRequest req,
      HttpServletResponse resp,
      Map<String, String> params,
      JsonNode body,
      Sessions.Session session) {
    this.req = req;
    this.resp = resp;
    this.params = params;
    this.body = body;
    this.session = session;
  }

  public HttpServletRequest request() {
    return req;
  }

  public HttpServletResponse response() {
    return resp;
  }

  /** A path parameter such as {@code {id}}. */
  public String path(String name) {
    return params.get(name);
  }

  /**
   * The JSON body of a call whose body is optional: an empty object when there was none.
   *
   * @throws ApiException 400 when there is one and it is not an object
   */
  public JsonNode optionalObject() {
    if (body == null || body.isMissingNode() || body.isNull()) {
      return MissingNode.getInstance();
    }
    return object();
  }

  /**
   * A string field of an object body, or null when absent.
   *
   * @throws ApiException 400 naming the field when it is present and not a non-empty string, or
   *     absent and {@code required}
   */
  public static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.invalid(field, "required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.invalid(field, "must be a non-empty string");
    }
    return v.asText();
  }

  /**
   * The JSON body as an object.
   *
   * @throws ApiException 400 when there is no body or it is not an object
   */
  public JsonNode object() {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return body;
  }

  /** The signed-in session, or null on the login route. */
  public Sessions.Session session() {
    return session;
  }

  public String query(String name) {
    String v = req.getParameter(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * @throws ApiException 400 when present and not an integer in range
   */
  public int queryInt(String name, int fallback, int min, int max) {
    String v = query(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(name, "must be an integer " + min + "-" + max);
  }

  /**
   * @throws ApiException 400 when present and not an ISO-8601 instant
   */
  public Instant queryInstant(String name) {
    String v = query(name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(name, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
    }
  }
}
