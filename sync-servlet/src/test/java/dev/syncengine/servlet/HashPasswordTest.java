package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.servlet.internal.Pbkdf2;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashPasswordTest {

  @Test
  void printsAPbkdf2HashOfTheFirstStdinLineWith210000IterationsThatVerifies() throws Exception {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream("s3cret pass\n".getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      HashPassword.main(new String[0]);
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
    String hash = captured.toString(StandardCharsets.UTF_8).trim();
    assertThat(hash).startsWith("pbkdf2-sha256$210000$").doesNotContain("s3cret");
    Pbkdf2.Encoded e = Pbkdf2.parse(hash);
    assertThat(e.matches("s3cret pass".toCharArray())).isTrue();
    assertThat(e.matches("s3cret pas".toCharArray())).isFalse();
    // accepted by the settings
    AdminSecurity.builder().passwordHash(hash).build();
  }

  @Test
  void twoHashesOfOnePasswordDifferBySalt() {
    assertThat(Pbkdf2.hash("x".toCharArray(), 1000))
        .isNotEqualTo(Pbkdf2.hash("x".toCharArray(), 1000));
  }

  @Test
  void refusesAMalformedHashWithoutEchoingIt() {
    assertThatThrownBy(() -> AdminSecurity.builder().passwordHash("plaintext-password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("plaintext-password");
  }

  @Test
  void settingsNeverPrintTheHashOrTheTriggerSecret() {
    String hash = Pbkdf2.hash("x".toCharArray(), 1000);
    String secret = "a-trigger-secret-that-is-long-enough-0123";
    AdminSecurity s = AdminSecurity.builder().passwordHash(hash).triggerSecret(secret).build();
    assertThat(s.toString()).doesNotContain(hash.split("\\$")[3]).doesNotContain(secret);
    assertThatThrownBy(() -> AdminSecurity.builder().triggerSecret("short"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
