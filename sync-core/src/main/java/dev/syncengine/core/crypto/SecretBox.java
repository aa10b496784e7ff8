package dev.syncengine.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM: a random 96-bit nonce per value, the key id stored
 * with each value (and authenticated), decryption with any known key, encryption with the current
 * one. Sealed form: {@code v1:<keyId>:<base64(nonce || ciphertext+tag)>}.
 *
 * <pre>{@code
 * SecretBox box = SecretBox.builder()
 *     .key("2026-11", base64Key)      // the current key: the last one added
 *     .build();
 * String sealed = box.seal("api-key");
 * String plain = box.open(sealed);
 * }</pre>
 *
 * <p>Keys come from configuration; this class never generates one silently ({@link #generateKey()}
 * exists for the command that prints a new key). Immutable and thread-safe.
 */
public final class SecretBox {
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKeySpec> keys;
  private final String currentKeyId;

  private SecretBox(Map<String, SecretKeySpec> keys, String currentKeyId) {
    this.keys = Map.copyOf(keys);
    this.currentKeyId = currentKeyId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new random 256-bit key, base64: for the setup command, not for silent use. */
  public static String generateKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  /** Encrypts with the current key. */
  public String seal(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(currentKeyId));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array();
      return VERSION + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts a value sealed with any configured key.
   *
   * @throws SecretBoxException when the format is wrong, the key id is unknown, or the value was
   *     tampered with (the message never contains key material or plaintext)
   */
  public String open(String sealed) {
    Objects.requireNonNull(sealed, "sealed");
    String[] parts = sealed.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new SecretBoxException("not a sealed value");
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      throw new SecretBoxException("unknown key id '" + parts[1] + "'");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new SecretBoxException("sealed value is not base64");
    }
    if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretBoxException("sealed value too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      c.updateAAD(aad(parts[1]));
      byte[] pt = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(pt, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretBoxException("sealed value failed authentication (tampered or wrong key)");
    } catch (GeneralSecurityException e) {
      throw new SecretBoxException("cannot decrypt sealed value");
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  public boolean needsRotation(String sealed) {
    String[] parts = sealed.split(":", 3);
    return parts.length == 3 && !parts[1].equals(currentKeyId);
  }

  private static byte[] aad(String keyId) {
    return (VERSION + ":" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecretBox{keys=" + keys.keySet() + ", current=" + currentKeyId + "}";
  }

  /** Mutable, not thread-safe. The last key added is the current one unless set explicitly. */
  public static final class Builder {
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private String current;

    /**
     * Adds a key.
     *
     * @param id a short id stored with every value: letters, digits, '-', '_', '.'
     * @param base64Key 32 bytes, base64
     * @throws IllegalArgumentException for a bad id or a key that is not 32 bytes of base64
     */
    public Builder key(String id, String base64Key) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(base64Key, "base64Key");
      if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
        throw new IllegalArgumentException("key id must be 1-32 of [A-Za-z0-9._-]");
      }
      byte[] k;
      try {
        k = Base64.getDecoder().decode(base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("encryption key '" + id + "' is not base64");
      }
      if (k.length != 32) {
        throw new IllegalArgumentException(
            "encryption key '" + id + "' must be 32 bytes (AES-256), got " + k.length);
      }
      keys.put(id, new SecretKeySpec(k, "AES"));
      current = id;
      return this;
    }

    /** Chooses which key encrypts. */
    public Builder current(String id) {
      this.current = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * @throws IllegalStateException when no key was added or the current id is unknown
     */
    public SecretBox build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("SecretBox needs at least one key");
      }
      if (!keys.containsKey(current)) {
        throw new IllegalStateException("current key id '" + current + "' is not configured");
      }
      return new SecretBox(keys, current);
    }
  }
}
