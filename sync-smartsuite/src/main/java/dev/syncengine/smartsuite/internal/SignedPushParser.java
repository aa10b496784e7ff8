package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.signing.SignatureException;
import dev.syncengine.core.signing.WebhookVerifier;
import dev.syncengine.core.spi.IngressException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a signed push (Standard Webhooks or the legacy {@code x-smartsuite-signature}) and
 * parses {@code {event_type: record_created|record_updated|record_deleted, record_id, data}} into
 * one change event. The delivery id (when the sender gave one) is the idempotency key. Stateless.
 */
public final class SignedPushParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedPushParser() {}

  public static ChangeEvent parse(ConnectionConfig connection, IngestRequest request, Clock clock)
      throws IngressException {
    List<String> secrets =
        Arrays.stream(
                connection.credentials().get(Credentials.SIGNING_SECRETS).orElse("").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (secrets.isEmpty()) {
      throw IngressException.unauthorized("no signing secret configured");
    }
    String deliveryId;
    try {
      deliveryId = WebhookVerifier.of(secrets, clock).verify(request);
    } catch (SignatureException e) {
      throw IngressException.unauthorized(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw IngressException.unauthorized("signing secret unusable");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw IngressException.malformed("body is not JSON", null);
    }
    if (body == null || !body.isObject()) {
      throw IngressException.malformed("body must be a JSON object", null);
    }
    String recordId = body.path("record_id").asText("");
    if (recordId.isBlank()) {
      throw IngressException.malformed("record_id is required", "record_id");
    }
    JsonNode data = body.path("data");
    Instant now = clock.instant();
    Instant updated = EventMapper.parse(data.path("last_updated").path("on").asText(""));
    Instant version = updated == null ? now : updated;
    String key = deliveryId == null || deliveryId.isBlank() ? null : deliveryId;
    String type = body.path("event_type").asText("");
    return switch (type) {
      case "record_created", "record_updated" ->
          new ChangeEvent(
              connection.id(),
              recordId,
              ChangeKind.UPSERT,
              version,
              data.isObject() ? data.deepCopy() : null,
              key,
              now);
      case "record_deleted" ->
          new ChangeEvent(connection.id(), recordId, ChangeKind.DELETE, version, null, key, now);
      default ->
          throw IngressException.malformed(
              "event_type must be record_created, record_updated or record_deleted", "event_type");
    };
  }
}
