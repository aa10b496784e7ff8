package dev.syncengine.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  static final String K1 = SecretBox.generateKey();
  static final String K2 = SecretBox.generateKey();

  @Test
  void sealsAndOpensWithRandomNonces() {
    SecretBox box = SecretBox.builder().key("k1", K1).build();
    String a = box.seal("api-key-123");
    String b = box.seal("api-key-123");

    assertThat(a).isNotEqualTo(b).startsWith("v1:k1:").doesNotContain("api-key-123");
    assertThat(box.open(a)).isEqualTo("api-key-123");
    assertThat(box.open(b)).isEqualTo("api-key-123");
  }

  @Test
  void rotationDecryptsOldValuesAndEncryptsWithTheNewKey() {
    String old = SecretBox.builder().key("k1", K1).build().seal("token");
    SecretBox rotated = SecretBox.builder().key("k1", K1).key("k2", K2).build();

    assertThat(rotated.open(old)).isEqualTo("token");
    assertThat(rotated.needsRotation(old)).isTrue();
    String fresh = rotated.seal("token");
    assertThat(fresh).startsWith("v1:k2:");
    assertThat(rotated.needsRotation(fresh)).isFalse();
  }

  @Test
  void detectsTampering() {
    SecretBox box = SecretBox.builder().key("k1", K1).build();
    String sealed = box.seal("token");
    byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
    raw[raw.length - 1] ^= 1;
    String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(raw);

    assertThatThrownBy(() -> box.open(tampered))
        .isInstanceOf(SecretBoxException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void aValueMovedToAnotherKeyIdDoesNotOpen() {
    SecretBox both = SecretBox.builder().key("k1", K1).key("k2", K2).build();
    String sealed = both.seal("token"); // k2
    String relabelled = sealed.replace("v1:k2:", "v1:k1:");
    assertThatThrownBy(() -> both.open(relabelled)).isInstanceOf(SecretBoxException.class);
  }

  @Test
  void refusesUnknownKeysAndBadInputWithoutLeakingThem() {
    SecretBox box = SecretBox.builder().key("k1", K1).build();
    String other = SecretBox.builder().key("k9", K2).build().seal("token");
    assertThatThrownBy(() -> box.open(other)).hasMessageContaining("unknown key id 'k9'");
    assertThatThrownBy(() -> box.open("plain text")).hasMessage("not a sealed value");
    assertThatThrownBy(() -> SecretBox.builder().key("k1", "c2hvcnQ=").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> SecretBox.builder().build()).isInstanceOf(IllegalStateException.class);
  }
}
