package dev.syncengine.testing.webflow;

/**
 * One webhook delivery the simulator sent (or tried to send): what Webflow would POST to a
 * registered URL.
 *
 * @param webhookId the registration it went to
 * @param url where it went
 * @param triggerType e.g. {@code collection_item_changed}
 * @param body the raw JSON body, {@code {triggerType, payload}}
 * @param timestampMillis the {@code x-webflow-timestamp} it carried
 * @param signature the {@code x-webflow-signature} it carried, or null when the simulator signs
 *     nothing (webhooks made with a site token)
 * @param status the receiver's last answer (0 when unreachable)
 * @param attempts how many times it was sent
 */
public record SimDelivery(
    String webhookId,
    String url,
    String triggerType,
    byte[] body,
    long timestampMillis,
    String signature,
    int status,
    int attempts) {
  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
