package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.signing.UrlToken;
import dev.syncengine.core.spi.IngressException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Authenticates a SmartSuite webhook ping (URL token in constant time, then the webhook id this
 * engine registered) and turns it into one pull request. Never trusts the body for data. Stateless.
 */
public final class PingParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PingParser() {}

  /** The pull key of a webhook: duplicate pings for it collapse into one pending pull. */
  public static String pullKey(String webhookId) {
    return "pull:" + webhookId;
  }

  /** The webhook id inside a pull key, or null when it is not one. */
  public static String webhookIdOf(String pullKey) {
    return pullKey != null && pullKey.startsWith("pull:") && pullKey.length() > 5
        ? pullKey.substring(5)
        : null;
  }

  public static ChangeEvent parse(
      ConnectionConfig connection, IngestRequest request, String storedWebhookId, Instant now)
      throws IngressException {
    String expected = connection.credentials().get(Credentials.WEBHOOK_TOKEN).orElse("");
    if (!UrlToken.matches(expected, request.pathToken())) {
      throw IngressException.unauthorized("webhook token mismatch");
    }
    if (storedWebhookId == null || storedWebhookId.isEmpty()) {
      throw IngressException.unauthorized("no webhook registered for this connection");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw IngressException.malformed("body is not JSON", null);
    }
    if (body == null || !body.path("webhookId").isTextual()) {
      throw IngressException.malformed("webhookId is required", "webhookId");
    }
    String webhookId = body.path("webhookId").asText();
    if (!MessageDigest.isEqual(
        webhookId.getBytes(StandardCharsets.UTF_8),
        storedWebhookId.getBytes(StandardCharsets.UTF_8))) {
      throw IngressException.unauthorized("unknown webhook id");
    }
    return new ChangeEvent(
        connection.id(), pullKey(webhookId), ChangeKind.PULL, now, null, null, now);
  }
}
