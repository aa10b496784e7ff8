package dev.syncengine.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens and constant-time comparison. Thread-safe. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** {@code bytes} random bytes as unpadded base64url. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Compares in time independent of where the values differ and of their lengths (both are hashed
   * first).
   */
  public static boolean equal(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  public static boolean equal(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return equal(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] v) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(v);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
