package dev.syncengine.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.IngestRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
  // The published example of the Standard Webhooks / Svix documentation.
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TS = 1614265330;
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static StandardWebhooks at(long epochSeconds, String... secrets) {
    return new StandardWebhooks(
        List.of(secrets),
        Duration.ofMinutes(5),
        Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
  }

  @Test
  void signsThePublishedExampleExactly() {
    assertThat(at(TS, SECRET).sign(ID, TS, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesThePublishedExample() {
    assertThatCode(() -> at(TS, SECRET).verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsASecretWithoutThePrefix() {
    assertThatCode(
            () ->
                at(TS, SECRET.substring("whsec_".length()))
                    .verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsMissingHeaders() {
    StandardWebhooks v = at(TS, SECRET);
    assertThatThrownBy(() -> v.verify(null, String.valueOf(TS), SIGNATURE, BODY))
        .hasMessageContaining("webhook-id");
    assertThatThrownBy(() -> v.verify(ID, null, SIGNATURE, BODY))
        .hasMessageContaining("webhook-timestamp");
    assertThatThrownBy(() -> v.verify(ID, String.valueOf(TS), "", BODY))
        .hasMessageContaining("webhook-signature");
  }

  @Test
  void rejectsAnotherSignatureVersion() {
    String v2 = SIGNATURE.replace("v1,", "v2,");
    assertThatThrownBy(() -> at(TS, SECRET).verify(ID, String.valueOf(TS), v2, BODY))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("no v1 signature");
  }

  @Test
  void rejectsMalformedSignaturesAndTimestamps() {
    StandardWebhooks v = at(TS, SECRET);
    assertThatThrownBy(() -> v.verify(ID, String.valueOf(TS), "v1,not-base64!!", BODY))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> v.verify(ID, String.valueOf(TS), "garbage", BODY))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> v.verify(ID, "yesterday", SIGNATURE, BODY))
        .hasMessageContaining("malformed");
  }

  @Test
  void rejectsATamperedBodyOrId() {
    StandardWebhooks v = at(TS, SECRET);
    byte[] other = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> v.verify(ID, String.valueOf(TS), SIGNATURE, other))
        .hasMessage("signature mismatch");
    assertThatThrownBy(() -> v.verify("msg_other", String.valueOf(TS), SIGNATURE, BODY))
        .hasMessage("signature mismatch");
  }

  @Test
  void rejectsTimestampsTooOldOrTooFarInTheFuture() {
    assertThatThrownBy(() -> at(TS + 301, SECRET).verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .hasMessage("timestamp too old");
    assertThatThrownBy(() -> at(TS - 301, SECRET).verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .hasMessage("timestamp too new");
    assertThatCode(() -> at(TS + 299, SECRET).verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsWhenAnyOfSeveralSignaturesMatches() {
    String several = "v1,Ym9ndXM= v2,abc " + SIGNATURE;
    assertThatCode(() -> at(TS, SECRET).verify(ID, String.valueOf(TS), several, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsTheOldSecretDuringRotation() {
    String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
    assertThatCode(() -> at(TS, newSecret, SECRET).verify(ID, String.valueOf(TS), SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void readsHeadersWhateverTheirCase() throws Exception {
    IngestRequest r =
        IngestRequest.builder(BODY)
            .header("WEBHOOK-ID", ID)
            .header("Webhook-Timestamp", String.valueOf(TS))
            .header("webhook-SIGNATURE", SIGNATURE)
            .build();
    WebhookVerifier v =
        WebhookVerifier.of(List.of(SECRET), Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC));
    assertThat(v.verify(r)).isEqualTo(ID);
  }

  @Test
  void aSecretThatIsNotBase64IsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> at(TS, "whsec_%%%secret%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret%%%");
  }
}
