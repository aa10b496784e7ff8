package dev.syncengine.webflow;

/**
 * One webhook registration of a site, as {@code GET /sites/{site_id}/webhooks} and {@code POST
 * /sites/{site_id}/webhooks} return it (webflow-openapi-v2.yml, operations {@code list-webhooks}
 * and {@code create-webhook}).
 *
 * @param id the registration's id
 * @param triggerType e.g. {@code collection_item_changed}
 * @param url where Webflow delivers
 * @param siteId the site, or null when the answer leaves it out
 * @param secretKey the signing key when Webflow returns one (webflow-api.md names a webhook's
 *     {@code secretKey}; the OpenAPI description does not), else null; never logged
 */
public record WebflowWebhook(
    String id, String triggerType, String url, String siteId, String secretKey) {
  @Override
  public String toString() {
    return "WebflowWebhook{id=" + id + ", triggerType=" + triggerType + "}";
  }
}
