package dev.syncengine.servlet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP error answer: status, a stable code, a message safe to show, and per-field details. Never
 * carries a secret.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<Detail> details;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(int status, String code, String message, List<Detail> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  /**
   * One detail of an error.
   *
   * @param field the request field (dotted path) at fault, or null
   * @param message what is wrong with it
   */
  public record Detail(String field, String message) {}

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException invalid(List<Detail> details) {
    return new ApiException(400, "validation_failed", "the request has invalid fields", details);
  }

  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new Detail(field, message)));
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<Detail> details() {
    return details;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
