package dev.syncengine.spring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encryption of credentials at rest: the {@code sync.encryption.*} properties, bound as {@link
 * SyncProperties.Encryption}.
 */
public class EncryptionProperties {
  /**
   * AES-256 keys by id, each 32 bytes in base64 (generate one with 'openssl rand -base64 32'). Keep
   * old keys during rotation so existing values still decrypt.
   */
  private Map<String, String> keys = new LinkedHashMap<>();

  /** The id of the key that encrypts new values; defaults to the last key listed. */
  private String currentKey;

  public Map<String, String> getKeys() {
    return keys;
  }

  public void setKeys(Map<String, String> keys) {
    this.keys = keys;
  }

  public String getCurrentKey() {
    return currentKey;
  }

  public void setCurrentKey(String currentKey) {
    this.currentKey = currentKey;
  }
}
