package dev.syncengine.servlet;

import dev.syncengine.servlet.internal.Pbkdf2;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Security settings of the admin API and the worker trigger: the admin password hash (make one with
 * {@link HashPassword}), the session cookie, idle expiry, login throttling, the trigger's bearer
 * secret and the admin request size limit.
 *
 * <pre>{@code
 * AdminSecurity security = AdminSecurity.builder()
 *     .passwordHash(System.getenv("SYNC_ADMIN_PASSWORD_HASH"))
 *     .triggerSecret(System.getenv("SYNC_TRIGGER_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the hash or the secret.
 */
public final class AdminSecurity {
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
  public static final int DEFAULT_LOGIN_MAX_FAILURES = 5;
  public static final Duration DEFAULT_LOGIN_FAILURE_WINDOW = Duration.ofMinutes(15);
  public static final String DEFAULT_COOKIE_NAME = "syncengine_session";

  /** Shortest trigger secret accepted: 32 characters. */
  public static final int MIN_TRIGGER_SECRET_LENGTH = 32;

  private final Pbkdf2.Encoded passwordHash;
  private final boolean secureCookie;
  private final String cookieName;
  private final Duration sessionIdleTimeout;
  private final byte[] triggerSecret;
  private final int maxBodyBytes;
  private final int loginMaxFailures;
  private final Duration loginFailureWindow;

  private AdminSecurity(Builder b) {
    this.passwordHash = b.passwordHash;
    this.secureCookie = b.secureCookie;
    this.cookieName = b.cookieName;
    this.sessionIdleTimeout = b.sessionIdleTimeout;
    this.triggerSecret = b.triggerSecret;
    this.maxBodyBytes = b.maxBodyBytes;
    this.loginMaxFailures = b.loginMaxFailures;
    this.loginFailureWindow = b.loginFailureWindow;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Admin disabled (every admin call answers 401), no trigger secret. */
  public static AdminSecurity disabled() {
    return builder().build();
  }

  /**
   * Hashes a password the way {@link HashPassword} does (PBKDF2-HMAC-SHA256, 210,000 iterations,
   * random salt).
   */
  public static String hashPassword(char[] password) {
    return Pbkdf2.hash(password, Pbkdf2.DEFAULT_ITERATIONS);
  }

  /** The parsed password hash, or empty when the admin API is disabled. */
  Optional<Pbkdf2.Encoded> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  public boolean secureCookie() {
    return secureCookie;
  }

  public String cookieName() {
    return cookieName;
  }

  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /** The trigger secret's bytes (a copy), or empty when the trigger is disabled. */
  Optional<byte[]> triggerSecret() {
    return Optional.ofNullable(triggerSecret).map(byte[]::clone);
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int loginMaxFailures() {
    return loginMaxFailures;
  }

  public Duration loginFailureWindow() {
    return loginFailureWindow;
  }

  @Override
  public String toString() {
    return "AdminSecurity{admin="
        + (passwordHash != null ? "enabled" : "disabled")
        + ", trigger="
        + (triggerSecret != null ? "enabled" : "disabled")
        + ", secureCookie="
        + secureCookie
        + ", idle="
        + sessionIdleTimeout
        + "}";
  }

  /** Mutable, not thread-safe; {@link #build()} copies into an immutable object. */
  public static final class Builder {
    private Pbkdf2.Encoded passwordHash;
    private boolean secureCookie = true;
    private String cookieName = DEFAULT_COOKIE_NAME;
    private Duration sessionIdleTimeout = DEFAULT_SESSION_IDLE_TIMEOUT;
    private byte[] triggerSecret;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int loginMaxFailures = DEFAULT_LOGIN_MAX_FAILURES;
    private Duration loginFailureWindow = DEFAULT_LOGIN_FAILURE_WINDOW;

    private Builder() {}

    /**
     * The admin password as printed by {@link HashPassword}; without one the admin API refuses
     * every login.
     *
     * @throws IllegalArgumentException when it is not a {@code pbkdf2-sha256$...} hash
     */
    public Builder passwordHash(String encoded) {
      Objects.requireNonNull(encoded, "encoded");
      this.passwordHash = Pbkdf2.parse(encoded.trim());
      return this;
    }

    /**
     * Whether the session cookie carries {@code Secure} (default true; false only for plain-HTTP
     * development).
     */
    public Builder secureCookie(boolean secure) {
      this.secureCookie = secure;
      return this;
    }

    /**
     * The session cookie's name.
     *
     * @throws IllegalArgumentException unless it is 1–64 letters, digits, '-' or '_'
     */
    public Builder cookieName(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("cookie name must be 1-64 letters, digits, '-' or '_'");
      }
      this.cookieName = name;
      return this;
    }

    /**
     * How long a session lives without a request (default 30 minutes).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder sessionIdleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("session idle timeout must be positive");
      }
      this.sessionIdleTimeout = timeout;
      return this;
    }

    /**
     * The bearer secret of {@code POST /jobs/run}; without one that endpoint answers 401.
     *
     * @throws IllegalArgumentException when shorter than {@value #MIN_TRIGGER_SECRET_LENGTH}
     *     characters
     */
    public Builder triggerSecret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < MIN_TRIGGER_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "trigger secret must be at least " + MIN_TRIGGER_SECRET_LENGTH + " characters");
      }
      this.triggerSecret = secret.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Largest admin request body (default 256 KiB); larger ones get 413.
     *
     * @throws IllegalArgumentException outside 1 KiB – 16 MiB
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be 1 KiB - 16 MiB");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Failed logins from one address within {@code window} before it gets 429 (default 5 in 15
     * minutes).
     *
     * @throws IllegalArgumentException when {@code maxFailures} is below 1 or the window is not
     *     positive
     */
    public Builder loginThrottle(int maxFailures, Duration window) {
      Objects.requireNonNull(window, "window");
      if (maxFailures < 1 || window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("login throttle needs maxFailures >= 1 and a window");
      }
      this.loginMaxFailures = maxFailures;
      this.loginFailureWindow = window;
      return this;
    }

    public AdminSecurity build() {
      return new AdminSecurity(this);
    }
  }
}
