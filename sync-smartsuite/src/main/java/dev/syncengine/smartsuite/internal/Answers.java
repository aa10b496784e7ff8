package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.smartsuite.SharedFileUrl;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteErrorCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the shapes SmartSuite answers in. Stateless and thread-safe. */
public final class Answers {
  private Answers() {}

  /** {@code n} as an object; an answer of another shape fails as retryable. */
  public static ObjectNode object(JsonNode n) {
    if (n instanceof ObjectNode o) {
      return o;
    }
    throw new SmartSuiteApiException(
        200,
        SyncError.retryable(
            SmartSuiteErrorCodes.BAD_RESPONSE, "SmartSuite answered an unexpected shape"));
  }

  /** The objects of an answer that is a bare array or carries them in {@code items}. */
  public static List<ObjectNode> items(JsonNode res) {
    JsonNode arr = res.isArray() ? res : res.path("items");
    List<ObjectNode> out = new ArrayList<>();
    arr.forEach(n -> out.add(object(n)));
    return out;
  }

  /**
   * The webhook in a webhooks-service answer: the answer itself when it is a webhook object (has
   * {@code webhook_id}), else its {@code "webhook"} member; null when neither.
   */
  public static ObjectNode webhookIn(JsonNode answer) {
    if (answer instanceof ObjectNode o && o.hasNonNull("webhook_id")) {
      return o;
    }
    if (answer.path("webhook") instanceof ObjectNode w && w.hasNonNull("webhook_id")) {
      return w;
    }
    return null;
  }

  /** An ISO instant, or null when absent or unreadable. */
  public static Instant instantOrNull(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A shared-file answer ({@code {"url", "expires_at"}}); one without {@code url} fails as
   * retryable.
   */
  public static SharedFileUrl sharedFileUrl(JsonNode res) {
    String url = res.path("url").asText(null);
    if (url == null) {
      throw badResponse("shared file answer without url");
    }
    return new SharedFileUrl(url, instantOrNull(res.path("expires_at").asText(null)));
  }

  /** The webhook in {@code answer} (see {@link #webhookIn}); none fails as retryable. */
  public static ObjectNode requiredWebhook(JsonNode answer, String method) {
    ObjectNode w = webhookIn(answer);
    if (w == null) {
      throw badResponse("SmartSuite " + method + " answered no webhook");
    }
    return w;
  }

  /**
   * A 200 whose body lacks what the call returns: retryable, SmartSuite may answer it next time.
   */
  public static SmartSuiteApiException badResponse(String message) {
    return new SmartSuiteApiException(
        200, SyncError.retryable(SmartSuiteErrorCodes.BAD_RESPONSE, message));
  }
}
