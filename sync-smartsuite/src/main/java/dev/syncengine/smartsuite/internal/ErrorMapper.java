package dev.syncengine.smartsuite.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteErrorCodes;
import java.io.IOException;

/**
 * Maps a SmartSuite answer that is not 2xx (other than 429) to a {@link SmartSuiteApiException}:
 * retryable or permanent, with a message redacted of the API key and of URL paths. Stateless and
 * thread-safe.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /** The exception for HTTP {@code code} with {@code body} on the call {@code what}. */
  public static SmartSuiteApiException failure(String what, int code, String body, String apiKey) {
    if (code == 404 && isBadRoute(body)) {
      // the webhooks service (Twirp) answers an unknown method with 404 too: that is our bug or an
      // API change, never "the webhook is gone", which would make callers register another
      return new SmartSuiteApiException(
          code,
          SyncError.permanent(
              SmartSuiteApiException.BAD_ROUTE,
              "SmartSuite " + what + " failed: HTTP 404, no such method (bad_route)",
              null));
    }
    // redacted before cutting, so a cut cannot leave half a secret unmasked
    String detail = Redaction.urls(body.replace(apiKey, "••••"));
    detail = detail.length() > 200 ? detail.substring(0, 200) : detail;
    String message =
        "SmartSuite " + what + " failed: HTTP " + code + (detail.isBlank() ? "" : " " + detail);
    return new SmartSuiteApiException(code, error(code, message));
  }

  private static SyncError error(int code, String message) {
    return switch (code) {
      case 401, 403 ->
          SyncError.permanent(
              SmartSuiteErrorCodes.UNAUTHORIZED,
              "SmartSuite refused the credentials (HTTP "
                  + code
                  + "): check the API key and the workspace (account) id, and that the key's"
                  + " member can see this solution",
              null);
      case 404 -> SyncError.permanent(SmartSuiteErrorCodes.NOT_FOUND, message, null);
      case 400, 409, 422 -> SyncError.permanent(SmartSuiteErrorCodes.BAD_REQUEST, message, null);
      default ->
          code >= 500 || code == 408
              ? SyncError.retryable(SmartSuiteErrorCodes.UNAVAILABLE, message)
              : SyncError.permanent(SmartSuiteErrorCodes.HTTP_PREFIX + code, message, null);
    };
  }

  private static boolean isBadRoute(String body) {
    try {
      return "bad_route".equals(SmartSuiteHttp.JSON.readTree(body).path("code").asText(""));
    } catch (IOException e) {
      return false;
    }
  }
}
