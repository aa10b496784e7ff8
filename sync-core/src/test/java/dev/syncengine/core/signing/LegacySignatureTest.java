package dev.syncengine.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacySignatureTest {
  // GitHub's documented example for X-Hub-Signature-256.
  static final String SECRET = "It's a Secret to Everybody";
  static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  static final String EXPECTED =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static LegacySignature verifier(String... secrets) {
    return new LegacySignature(
        List.of(secrets), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void signsGithubsPublishedVector() {
    assertThat(verifier(SECRET).sign(BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void acceptsTimestampsInSecondsAndMilliseconds() {
    assertThatCode(
            () -> verifier(SECRET).verify(String.valueOf(NOW.getEpochSecond()), EXPECTED, BODY))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> verifier(SECRET).verify(String.valueOf(NOW.toEpochMilli()), EXPECTED, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsUpperCaseHex() {
    String upper = "sha256=" + EXPECTED.substring(7).toUpperCase();
    assertThatCode(() -> verifier(SECRET).verify(String.valueOf(NOW.getEpochSecond()), upper, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsWrongSecretTamperedBodyAndStaleTime() {
    String ts = String.valueOf(NOW.getEpochSecond());
    assertThatThrownBy(() -> verifier("other").verify(ts, EXPECTED, BODY))
        .hasMessage("signature mismatch");
    assertThatThrownBy(() -> verifier(SECRET).verify(ts, EXPECTED, "Hello, World?".getBytes()))
        .hasMessage("signature mismatch");
    String old = String.valueOf(NOW.minusSeconds(301).getEpochSecond());
    assertThatThrownBy(() -> verifier(SECRET).verify(old, EXPECTED, BODY))
        .hasMessage("timestamp too old");
    String future = String.valueOf(NOW.plusSeconds(301).toEpochMilli());
    assertThatThrownBy(() -> verifier(SECRET).verify(future, EXPECTED, BODY))
        .hasMessage("timestamp too new");
  }

  @Test
  void rejectsMalformedHeaders() {
    String ts = String.valueOf(NOW.getEpochSecond());
    assertThatThrownBy(() -> verifier(SECRET).verify(ts, "md5=abc", BODY))
        .isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> verifier(SECRET).verify(ts, "sha256=zz", BODY))
        .hasMessageContaining("hex");
    assertThatThrownBy(() -> verifier(SECRET).verify(null, EXPECTED, BODY))
        .hasMessageContaining("x-smartsuite-timestamp");
    assertThatThrownBy(() -> verifier(SECRET).verify(ts, null, BODY))
        .hasMessageContaining("x-smartsuite-signature");
  }

  @Test
  void acceptsAnyOfSeveralSecretsDuringRotation() {
    String ts = String.valueOf(NOW.getEpochSecond());
    assertThatCode(() -> verifier("new-secret", SECRET).verify(ts, EXPECTED, BODY))
        .doesNotThrowAnyException();
  }
}
