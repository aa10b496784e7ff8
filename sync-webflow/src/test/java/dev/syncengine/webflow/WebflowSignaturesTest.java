package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.signing.SignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webflow's documented scheme (webflow-api.md "Webflow's own webhooks";
 * https://developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures): {@code
 * x-webflow-signature} = hex HMAC-SHA256 of {@code timestamp + ":" + body}, timestamp in ms, older
 * than 5 minutes refused.
 */
class WebflowSignaturesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");
  private static final String SECRET = "client-secret-1";
  private static final byte[] BODY =
      ("{\"triggerType\":\"collection_item_changed\",\"payload\":{\"id\":\"i1\","
              + "\"collectionId\":\"c1\",\"fieldData\":{\"name\":\"A\",\"slug\":\"a\"}}}")
          .getBytes(StandardCharsets.UTF_8);

  private final WebflowSignatures sigs =
      WebflowSignatures.of(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

  /** The signature computed independently of the class under test, from the documented recipe. */
  private static String documented(String secret, long ts, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String message = ts + ":" + new String(body, StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void acceptsADeliverySignedAsWebflowDocumentsIt() throws Exception {
    long ts = NOW.minusSeconds(30).toEpochMilli();
    String sig = documented(SECRET, ts, BODY);
    sigs.verify(String.valueOf(ts), sig, BODY);
    sigs.verify(String.valueOf(ts), sig.toUpperCase(), BODY);
    assertThat(sigs.sign(ts, BODY)).isEqualTo(sig);
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() throws Exception {
    long ts = NOW.toEpochMilli();
    assertThatThrownBy(() -> sigs.verify(String.valueOf(ts), documented("other", ts, BODY), BODY))
        .isInstanceOf(SignatureException.class)
        .hasMessage("signature mismatch");
  }

  @Test
  void refusesATamperedBody() throws Exception {
    long ts = NOW.toEpochMilli();
    String sig = documented(SECRET, ts, BODY);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("\"A\"", "\"B\"").getBytes();
    assertThatThrownBy(() -> sigs.verify(String.valueOf(ts), sig, tampered))
        .isInstanceOf(SignatureException.class)
        .hasMessage("signature mismatch");
  }

  @Test
  void refusesATamperedTimestamp() throws Exception {
    long ts = NOW.toEpochMilli();
    String sig = documented(SECRET, ts, BODY);
    assertThatThrownBy(() -> sigs.verify(String.valueOf(ts + 1), sig, BODY))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void refusesATimestampOlderThanFiveMinutes() throws Exception {
    long ts = NOW.minus(Duration.ofMinutes(5)).minusMillis(1).toEpochMilli();
    assertThatThrownBy(() -> sigs.verify(String.valueOf(ts), documented(SECRET, ts, BODY), BODY))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("stale");
    long edge = NOW.minus(Duration.ofMinutes(5)).toEpochMilli();
    sigs.verify(String.valueOf(edge), documented(SECRET, edge, BODY), BODY);
  }

  @Test
  void refusesATimestampFarInTheFuture() throws Exception {
    long ts = NOW.plus(Duration.ofMinutes(6)).toEpochMilli();
    assertThatThrownBy(() -> sigs.verify(String.valueOf(ts), documented(SECRET, ts, BODY), BODY))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("future");
  }

  @Test
  void aReplayVerifiesAgainButCarriesTheSameDeliveryKeySoStoresDropIt() throws Exception {
    long first = NOW.minusSeconds(60).toEpochMilli();
    long retry = NOW.toEpochMilli();
    sigs.verify(String.valueOf(first), documented(SECRET, first, BODY), BODY);
    sigs.verify(String.valueOf(first), documented(SECRET, first, BODY), BODY);
    sigs.verify(String.valueOf(retry), documented(SECRET, retry, BODY), BODY);
    assertThat(WebflowSignatures.deliveryKey(BODY))
        .isEqualTo(WebflowSignatures.deliveryKey(BODY.clone()))
        .startsWith("webflow:")
        .isNotEqualTo(WebflowSignatures.deliveryKey("{}".getBytes()));
  }

  @Test
  void refusesMissingOrMalformedHeaders() {
    assertThatThrownBy(() -> sigs.verify(null, "ab", BODY)).hasMessageContaining("missing");
    assertThatThrownBy(() -> sigs.verify("1", null, BODY)).hasMessageContaining("missing");
    assertThatThrownBy(() -> sigs.verify("soon", "ab", BODY)).hasMessageContaining("malformed");
    assertThatThrownBy(() -> sigs.verify(String.valueOf(NOW.toEpochMilli()), "zz", BODY))
        .hasMessageContaining("malformed");
  }

  @Test
  void triesEverySecretDuringRotation() throws Exception {
    WebflowSignatures rotating =
        WebflowSignatures.of(List.of("old", SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
    long ts = NOW.toEpochMilli();
    rotating.verify(String.valueOf(ts), documented(SECRET, ts, BODY), BODY);
    rotating.verify(String.valueOf(ts), documented("old", ts, BODY), BODY);
  }

  @Test
  void needsASecret() {
    assertThatThrownBy(() -> WebflowSignatures.of(List.of(" "), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
