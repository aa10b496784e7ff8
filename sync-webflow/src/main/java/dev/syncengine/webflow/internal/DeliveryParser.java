package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.signing.SignatureException;
import dev.syncengine.core.signing.UrlToken;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSignatures;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Authenticates one Webflow webhook delivery and reads it as a {@link TargetChange}.
 *
 * <p>Authentication: the URL token always ({@link UrlToken}, the check SmartSuite pings use), and
 * the signature as well when the connection holds {@link WebflowCredentials#WEBHOOK_SECRET}
 * (Webflow signs only webhooks an OAuth app created: webflow-api.md "Webflow's own webhooks").
 *
 * <p>Shape: {@code {triggerType, payload: {id, collectionId, fieldData, isDraft, isArchived,
 * lastUpdated, ...}}} (webflow-api.md; webflow-openapi-v2.yml {@code webhooks:}
 * collection_item_created / _changed / _deleted / _published / _unpublished). Where the docs are
 * loose it accepts every plausible shape: the description's {@code collection_item_changed} example
 * nests a second {@code {triggerType, payload}} inside {@code payload}, which is unwrapped;
 * v1-style {@code _id} / {@code _cid} stand for {@code id} / {@code collectionId}; a missing {@code
 * lastUpdated} takes the arrival time. A delivery for another collection of the site parses to
 * nothing (a site's webhooks report every collection). Stateless and thread-safe.
 */
public final class DeliveryParser {
  private static final Map<String, ChangeKind> TRIGGERS =
      Map.of(
          "collection_item_created", ChangeKind.UPSERT,
          "collection_item_changed", ChangeKind.UPSERT,
          "collection_item_published", ChangeKind.UPSERT,
          "collection_item_unpublished", ChangeKind.UPSERT,
          "collection_item_deleted", ChangeKind.DELETE);

  private DeliveryParser() {}

  /** See {@link dev.syncengine.core.spi.TargetWebhooks#parseTargetChanges}. */
  public static List<TargetChange> parse(ConnectionConfig c, IngestRequest request, Instant now)
      throws IngressException {
    authenticate(c, request, now);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      throw IngressException.malformed("body is not JSON", null);
    }
    if (body == null || !body.isObject()) {
      throw IngressException.malformed("body must be a JSON object", null);
    }
    String trigger = text(body, "triggerType");
    if (trigger == null) {
      throw IngressException.malformed("triggerType is required", "triggerType");
    }
    ChangeKind kind = TRIGGERS.get(trigger);
    if (kind == null) {
      throw IngressException.malformed(
          "triggerType '" + trigger + "' is not a CMS item trigger", "triggerType");
    }
    JsonNode payload = payload(body);
    String itemId = firstText(payload, "id", "itemId", "_id");
    if (itemId == null) {
      throw IngressException.malformed("payload.id is required", "payload.id");
    }
    String collectionId = firstText(payload, "collectionId", "_cid");
    if (collectionId != null && !collectionId.equals(c.target().id())) {
      return List.of(); // genuine, but for another collection of the site
    }
    return List.of(
        new TargetChange(
            c.id(),
            itemId,
            trigger,
            kind,
            version(payload, now),
            payload,
            WebflowSignatures.deliveryKey(request.body()),
            now));
  }

  private static void authenticate(ConnectionConfig c, IngestRequest request, Instant now)
      throws IngressException {
    Credentials creds = c.credentials();
    if (!UrlToken.matches(creds.get(Credentials.WEBHOOK_TOKEN).orElse(""), request.pathToken())) {
      throw IngressException.unauthorized("webhook token mismatch");
    }
    String secret = creds.get(WebflowCredentials.WEBHOOK_SECRET).orElse("");
    if (secret.isBlank()) {
      return;
    }
    try {
      WebflowSignatures.of(Arrays.asList(secret.split(",")), Clock.fixed(now, ZoneOffset.UTC))
          .verify(
              request.header(WebflowSignatures.TIMESTAMP_HEADER),
              request.header(WebflowSignatures.SIGNATURE_HEADER),
              request.body());
    } catch (SignatureException e) {
      throw IngressException.unauthorized(e.getMessage());
    }
  }

  /** The item object: {@code payload}, unwrapped once more when it nests another delivery. */
  private static JsonNode payload(JsonNode body) throws IngressException {
    JsonNode p = body.get("payload");
    if (p == null || !p.isObject()) {
      throw IngressException.malformed("payload must be an object", "payload");
    }
    JsonNode inner = p.get("payload");
    if (inner != null && inner.isObject() && p.hasNonNull("triggerType")) {
      return inner;
    }
    return p;
  }

  private static Instant version(JsonNode payload, Instant now) throws IngressException {
    String at = firstText(payload, "lastUpdated", "updatedOn", "updated-on");
    if (at == null) {
      return now;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw IngressException.malformed(
          "payload.lastUpdated is not an ISO-8601 date-time", "payload.lastUpdated");
    }
  }

  private static String firstText(JsonNode n, String... names) {
    for (String name : names) {
      String v = text(n, name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
