package dev.syncengine.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A connection's secrets by name (API keys, tokens, signing secrets). The names the engine itself
 * reads are defined here; each adapter defines its own (e.g. {@code SmartSuiteCredentials}, {@code
 * WebflowCredentials}). Never printed: {@link #toString()} names the keys only, and stores encrypt
 * the values at rest.
 *
 * <p>Immutable and thread-safe.
 */
public final class Credentials {
  /** Signing secrets for signed push, comma separated (several during rotation). */
  public static final String SIGNING_SECRETS = "signing.secrets";

  /** The unguessable token in the webhook URL. */
  public static final String WEBHOOK_TOKEN = "webhook.token";

  private static final Credentials EMPTY = new Credentials(Map.of());
  private final Map<String, String> values;

  private Credentials(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Credentials of(Map<String, String> values) {
    return values.isEmpty() ? EMPTY : new Credentials(values);
  }

  public static Credentials empty() {
    return EMPTY;
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * Returns the secret.
   *
   * @throws MissingCredentialException naming the missing key (never a value)
   */
  public String require(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new MissingCredentialException(name);
    }
    return v;
  }

  /** All values; for stores that encrypt them. */
  public Map<String, String> asMap() {
    return values;
  }

  /** A copy with one value set (or removed when {@code value} is null). */
  public Credentials with(String name, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new Credentials(copy);
  }

  /** Masked view for APIs and logs: every value becomes {@code "••••"} plus its last 2 chars. */
  public Map<String, String> masked() {
    TreeMap<String, String> m = new TreeMap<>();
    values.forEach((k, v) -> m.put(k, mask(v)));
    return m;
  }

  public static String mask(String v) {
    if (v == null || v.isEmpty()) {
      return "";
    }
    return v.length() <= 8 ? "••••" : "••••" + v.substring(v.length() - 2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Credentials" + values.keySet();
  }
}
