package dev.syncengine.store.jdbc;

import dev.syncengine.core.crypto.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings for {@link JdbcStores}.
 *
 * <pre>{@code
 * JdbcStoreOptions options = JdbcStoreOptions.builder()
 *     .secretBox(secretBox)
 *     .inboxRetention(Duration.ofDays(3))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is neither.
 */
public final class JdbcStoreOptions {
  /** How long an idempotency key is remembered. */
  public static final Duration DEFAULT_INBOX_RETENTION = Duration.ofDays(7);

  /** How long the PostgreSQL listener waits before reconnecting after losing its connection. */
  public static final Duration DEFAULT_LISTEN_RECONNECT_DELAY = Duration.ofSeconds(2);

  private final Clock clock;
  private final boolean migrate;
  private final SecretCodec secretCodec;
  private final Duration inboxRetention;
  private final Duration listenReconnectDelay;

  private JdbcStoreOptions(Builder b) {
    this.clock = b.clock;
    this.migrate = b.migrate;
    this.secretCodec = b.secretCodec;
    this.inboxRetention = b.inboxRetention;
    this.listenReconnectDelay = b.listenReconnectDelay;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** UTC system clock, migrations on, no secret codec (saving credentials then fails). */
  public static JdbcStoreOptions ofDefaults() {
    return builder().build();
  }

  public Builder newBuilder() {
    Builder b = new Builder();
    b.clock = clock;
    b.migrate = migrate;
    b.secretCodec = secretCodec;
    b.inboxRetention = inboxRetention;
    b.listenReconnectDelay = listenReconnectDelay;
    return b;
  }

  public Clock clock() {
    return clock;
  }

  /** Whether {@link JdbcStores#create} applies the bundled migrations. */
  public boolean migrate() {
    return migrate;
  }

  /** The credential codec, or null when none was configured. */
  public SecretCodec secretCodec() {
    return secretCodec;
  }

  public Duration inboxRetention() {
    return inboxRetention;
  }

  public Duration listenReconnectDelay() {
    return listenReconnectDelay;
  }

  /** Mutable, not thread-safe; every setter rejects null. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private boolean migrate = true;
    private SecretCodec secretCodec;
    private Duration inboxRetention = DEFAULT_INBOX_RETENTION;
    private Duration listenReconnectDelay = DEFAULT_LISTEN_RECONNECT_DELAY;

    private Builder() {}

    /** Where every store reads "now" (leases, run_at, expiry). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether to apply the bundled migrations on start (default true). Turn off when the host runs
     * the scripts under {@link Migrations#ROOT} with its own migration tool.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** How credentials are encrypted at rest. */
    public Builder secretCodec(SecretCodec codec) {
      this.secretCodec = Objects.requireNonNull(codec, "secretCodec");
      return this;
    }

    /** Encrypts credentials at rest with the core's AES-256-GCM box. */
    public Builder secretBox(SecretBox box) {
      Objects.requireNonNull(box, "secretBox");
      return secretCodec(SecretCodec.of(box::seal, box::open));
    }

    /**
     * How long idempotency keys are remembered.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder inboxRetention(Duration retention) {
      Objects.requireNonNull(retention, "inboxRetention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("inboxRetention must be positive");
      }
      this.inboxRetention = retention;
      return this;
    }

    /**
     * Pause before the PostgreSQL listener reconnects.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder listenReconnectDelay(Duration delay) {
      Objects.requireNonNull(delay, "listenReconnectDelay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("listenReconnectDelay must not be negative");
      }
      this.listenReconnectDelay = delay;
      return this;
    }

    public JdbcStoreOptions build() {
      return new JdbcStoreOptions(this);
    }
  }
}
