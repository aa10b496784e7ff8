package dev.syncengine.servlet.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes encoded as {@code pbkdf2-sha256$iterations$salt$hash} (salt
 * and hash unpadded base64url). Thread-safe.
 */
public final class Pbkdf2 {
  public static final String PREFIX = "pbkdf2-sha256";
  public static final int DEFAULT_ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pbkdf2() {}

  /** Hashes a password with a fresh random salt. */
  public static String hash(char[] password, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations, HASH_BITS);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Parses an encoded hash.
   *
   * @throws IllegalArgumentException when it is not in the expected format (the message never
   *     contains the value)
   */
  public static Encoded parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    try {
      if (parts.length != 4 || !parts[0].equals(PREFIX)) {
        throw new IllegalArgumentException();
      }
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
      byte[] hash = Base64.getUrlDecoder().decode(parts[3]);
      if (iterations < 1 || salt.length < 8 || hash.length < 16) {
        throw new IllegalArgumentException();
      }
      return new Encoded(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "password hash must look like " + PREFIX + "$iterations$salt$hash");
    }
  }

  /** A parsed hash. */
  public record Encoded(int iterations, byte[] salt, byte[] hash) {
    /** Checks a password in time independent of where it differs. */
    public boolean matches(char[] password) {
      byte[] candidate = derive(password, salt, iterations, hash.length * 8);
      return MessageDigest.isEqual(candidate, hash);
    }

    @Override
    public String toString() {
      return "Pbkdf2.Encoded{iterations=" + iterations + "}";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Encoded e
          && e.iterations == iterations
          && Arrays.equals(e.salt, salt)
          && Arrays.equals(e.hash, hash);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hash);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
