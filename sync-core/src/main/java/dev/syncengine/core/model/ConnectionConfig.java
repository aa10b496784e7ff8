package dev.syncengine.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that defines one sync: where from, where to, how to write and retry. The mapping is
 * versioned separately (see {@code ConnectionStore#saveMapping}).
 *
 * <pre>{@code
 * ConnectionConfig c = ConnectionConfig.builder("products")
 *     .source(new ResourceRef("smartsuite", "sol1", "tbl1"))
 *     .target(new ResourceRef("webflow", "site1", "col1"))
 *     .publishMode(PublishMode.LIVE)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toBuilder()} derives a variant.
 */
public final class ConnectionConfig {
  public static final int DEFAULT_BATCH_SIZE = 100;
  public static final int MAX_BATCH_SIZE = 100;

  private final String id;
  private final String name;
  private final ResourceRef source;
  private final ResourceRef target;
  private final IngestionMode ingestionMode;
  private final PublishMode publishMode;
  private final DeleteMode deleteMode;
  private final int batchSize;
  private final RetrySettings retry;
  private final boolean paused;
  private final Credentials credentials;
  private final Map<String, String> options;

  private ConnectionConfig(Builder b) {
    this.id = b.id;
    this.name = b.name == null ? b.id : b.name;
    this.source = Objects.requireNonNull(b.source, "source");
    this.target = Objects.requireNonNull(b.target, "target");
    this.ingestionMode = b.ingestionMode;
    this.publishMode = b.publishMode;
    this.deleteMode = b.deleteMode;
    this.batchSize = b.batchSize;
    this.retry = b.retry;
    this.paused = b.paused;
    this.credentials = b.credentials;
    this.options = Collections.unmodifiableMap(new TreeMap<>(b.options));
  }

  /**
   * Starts a builder.
   *
   * @throws IllegalArgumentException when the id is not 1–64 letters, digits, '-' or '_'
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.name = name;
    b.source = source;
    b.target = target;
    b.ingestionMode = ingestionMode;
    b.publishMode = publishMode;
    b.deleteMode = deleteMode;
    b.batchSize = batchSize;
    b.retry = retry;
    b.paused = paused;
    b.credentials = credentials;
    b.options.putAll(options);
    return b;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ResourceRef source() {
    return source;
  }

  public ResourceRef target() {
    return target;
  }

  public IngestionMode ingestionMode() {
    return ingestionMode;
  }

  public PublishMode publishMode() {
    return publishMode;
  }

  public DeleteMode deleteMode() {
    return deleteMode;
  }

  public int batchSize() {
    return batchSize;
  }

  public RetrySettings retry() {
    return retry;
  }

  public boolean paused() {
    return paused;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Adapter-specific settings that are not secret (webhook id, polling interval, ...). */
  public Map<String, String> options() {
    return options;
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionConfig c
        && id.equals(c.id)
        && name.equals(c.name)
        && source.equals(c.source)
        && target.equals(c.target)
        && ingestionMode == c.ingestionMode
        && publishMode == c.publishMode
        && deleteMode == c.deleteMode
        && batchSize == c.batchSize
        && retry.equals(c.retry)
        && paused == c.paused
        && credentials.equals(c.credentials)
        && options.equals(c.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, target);
  }

  @Override
  public String toString() {
    return "ConnectionConfig{id=" + id + ", source=" + source + ", target=" + target + "}";
  }

  /** Mutable, not thread-safe; {@link #build()} copies into an immutable config. */
  public static final class Builder {
    private final String id;
    private String name;
    private ResourceRef source;
    private ResourceRef target;
    private IngestionMode ingestionMode = IngestionMode.NATIVE_WEBHOOK;
    private PublishMode publishMode = PublishMode.LIVE;
    private DeleteMode deleteMode = DeleteMode.DELETE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private RetrySettings retry = RetrySettings.ofDefaults();
    private boolean paused;
    private Credentials credentials = Credentials.empty();
    private final Map<String, String> options = new TreeMap<>();

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException(
            "connection id must be 1-64 letters, digits, '-' or '_': " + id);
      }
      this.id = id;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder source(ResourceRef source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    public Builder target(ResourceRef target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    public Builder ingestionMode(IngestionMode mode) {
      this.ingestionMode = Objects.requireNonNull(mode, "ingestionMode");
      return this;
    }

    public Builder publishMode(PublishMode mode) {
      this.publishMode = Objects.requireNonNull(mode, "publishMode");
      return this;
    }

    public Builder deleteMode(DeleteMode mode) {
      this.deleteMode = Objects.requireNonNull(mode, "deleteMode");
      return this;
    }

    /**
     * Items per sink call.
     *
     * @throws IllegalArgumentException outside 1–100
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("batchSize must be 1-100: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    public Builder retry(RetrySettings retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder paused(boolean paused) {
      this.paused = paused;
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder option(String key, String value) {
      Objects.requireNonNull(key, "key");
      if (value == null) {
        options.remove(key);
      } else {
        options.put(key, value);
      }
      return this;
    }

    public Builder options(Map<String, String> values) {
      options.clear();
      options.putAll(values);
      return this;
    }

    public ConnectionConfig build() {
      return new ConnectionConfig(this);
    }
  }
}
