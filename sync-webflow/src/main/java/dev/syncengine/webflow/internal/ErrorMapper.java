package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.webflow.ErrorDetail;
import dev.syncengine.webflow.WebflowAuthException;
import dev.syncengine.webflow.WebflowConflictException;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.WebflowServerException;
import dev.syncengine.webflow.WebflowValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Turns an error response into the typed exception a caller can act on. Stateless. */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static WebflowException map(
      String what, int status, String body, String retryAfterHeader, Clock clock, Duration dflt) {
    JsonNode json = Json.parseOrNull(body);
    String code = json != null && json.hasNonNull("code") ? json.get("code").asText() : null;
    String message =
        json != null && json.hasNonNull("message")
            ? json.get("message").asText()
            : "HTTP " + status;
    List<ErrorDetail> details = new ArrayList<>();
    if (json != null && json.path("details").isArray()) {
      for (JsonNode d : json.get("details")) {
        if (d.isObject()) {
          details.add(
              new ErrorDetail(
                  d.hasNonNull("param") ? d.get("param").asText() : null,
                  d.path("description").asText(d.toString())));
        } else {
          details.add(new ErrorDetail(null, d.asText()));
        }
      }
    }
    String full = what + ": " + status + (code == null ? "" : " " + code) + ": " + message;
    if (!details.isEmpty()) {
      full += " " + details;
    }
    return switch (status) {
      case 400, 422 ->
          new WebflowValidationException(code == null ? "bad_request" : code, full, details);
      case 401 ->
          new WebflowAuthException(401, code == null ? "not_authorized" : code, full, details);
      case 403 -> new WebflowAuthException(403, code == null ? "forbidden" : code, full, details);
      case 404 ->
          new WebflowNotFoundException(code == null ? "resource_not_found" : code, full, details);
      case 409 -> new WebflowConflictException(code == null ? "conflict" : code, full, details);
      case 429 ->
          new WebflowRateLimitedException(full, retryAfter(retryAfterHeader, clock, dflt), details);
      default ->
          status == 408 || status >= 500
              ? new WebflowServerException(
                  status, code == null ? "server_error" : code, full, details)
              : new WebflowException(status, code, full, details, null);
    };
  }

  /** Parses seconds (integer or decimal) or an HTTP date; {@code dflt} when absent or bad. */
  public static Duration retryAfter(String header, Clock clock, Duration dflt) {
    if (header == null || header.isBlank()) {
      return dflt;
    }
    String h = header.trim();
    try {
      double seconds = Double.parseDouble(h);
      return Duration.ofMillis(Math.max(0, (long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notADate) {
        return dflt;
      }
    }
  }
}
