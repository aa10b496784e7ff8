package dev.syncengine.spring.internal;

import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.spring.SyncConfigurationException;
import dev.syncengine.spring.SyncProperties;
import java.net.URI;
import java.time.Duration;

/** Turns {@link SyncProperties} into library objects, failing fast with the property's name. */
public final class PropertyChecks {
  private PropertyChecks() {}

  public static WorkerSettings workers(SyncProperties p) {
    SyncProperties.Worker w = p.getWorker();
    range("sync.worker.concurrency", w.getConcurrency(), 1, 64);
    range("sync.worker.batch-size", w.getBatchSize(), 1, 1000);
    positive("sync.worker.poll-interval", w.getPollInterval());
    positive("sync.worker.shutdown-timeout", w.getShutdownTimeout());
    positive("sync.worker.maintenance-interval", w.getMaintenanceInterval());
    if (w.getLease() == null || w.getLease().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new SyncConfigurationException(
          "sync.worker.lease", "must be at least 1s, was " + w.getLease());
    }
    if (w.getLinger() == null || w.getLinger().isNegative()) {
      throw new SyncConfigurationException(
          "sync.worker.linger", "must be zero or a positive duration, was " + w.getLinger());
    }
    return new WorkerSettings(
        w.getConcurrency(),
        w.getBatchSize(),
        w.getPollInterval(),
        w.getLease(),
        w.getShutdownTimeout(),
        w.getLinger());
  }

  public static RetrySettings retry(SyncProperties p) {
    SyncProperties.Retry r = p.getRetry();
    positive("sync.retry.initial-delay", r.getInitialDelay());
    positive("sync.retry.max-delay", r.getMaxDelay());
    range("sync.retry.max-attempts", r.getMaxAttempts(), 1, 1000);
    if (r.getMaxDelay().compareTo(r.getInitialDelay()) < 0) {
      throw new SyncConfigurationException(
          "sync.retry.max-delay", "must be at least sync.retry.initial-delay");
    }
    return new RetrySettings(r.getInitialDelay(), r.getMaxDelay(), r.getMaxAttempts());
  }

  public static void checkCommon(SyncProperties p) {
    String base = p.getBasePath();
    if (base == null || !base.startsWith("/") || base.endsWith("/") && base.length() > 1) {
      throw new SyncConfigurationException(
          "sync.base-path", "must start with '/' and not end with '/', was '" + base + "'");
    }
    if (p.getPublicUrl() != null && !p.getPublicUrl().isBlank()) {
      url("sync.public-url", p.getPublicUrl());
    }
    url("sync.webflow.base-url", p.getWebflow().getBaseUrl());
    url("sync.smartsuite.base-url", p.getSmartsuite().getBaseUrl());
    url("sync.smartsuite.webhooks-url", p.getSmartsuite().getWebhooksUrl());
    range("sync.webflow.rate-limit-per-minute", p.getWebflow().getRateLimitPerMinute(), 1, 100_000);
    positive("sync.webflow.connect-timeout", p.getWebflow().getConnectTimeout());
    positive("sync.webflow.read-timeout", p.getWebflow().getReadTimeout());
    positive("sync.smartsuite.connect-timeout", p.getSmartsuite().getConnectTimeout());
    positive("sync.smartsuite.read-timeout", p.getSmartsuite().getReadTimeout());
    range("sync.smartsuite.requests-per-second", p.getSmartsuite().getRequestsPerSecond(), 1, 1000);
    range("sync.ingress.max-body-size", p.getIngress().getMaxBodySize(), 1024, 64 * 1024 * 1024);
    positive("sync.retention.done-jobs", p.getRetention().getDoneJobs());
    positive("sync.retention.event-log", p.getRetention().getEventLog());
    retry(p);
    workers(p);
    if (p.getEncryption().getKeys() != null && !p.getEncryption().getKeys().isEmpty()) {
      secretBox(p); // a configured key that is unusable is an error even before it is needed
    }
  }

  /**
   * The secret box from {@code sync.encryption.keys}; in demo mode without keys, an ephemeral one.
   *
   * @throws SyncConfigurationException when keys are missing outside demo mode or invalid
   */
  public static SecretBox secretBox(SyncProperties p) {
    SyncProperties.Encryption e = p.getEncryption();
    if (e.getKeys() == null || e.getKeys().isEmpty()) {
      if (p.isDemo()) {
        return SecretBox.builder().key("demo-ephemeral", SecretBox.generateKey()).build();
      }
      throw new SyncConfigurationException(
          "sync.encryption.keys",
          "at least one AES-256 key (32 bytes, base64) is required outside demo mode,"
              + " e.g. sync.encryption.keys.k1=$(openssl rand -base64 32)");
    }
    SecretBox.Builder b = SecretBox.builder();
    e.getKeys()
        .forEach(
            (id, key) -> {
              try {
                b.key(id, key);
              } catch (IllegalArgumentException ex) {
                throw new SyncConfigurationException("sync.encryption.keys." + id, ex.getMessage());
              }
            });
    if (e.getCurrentKey() != null) {
      if (!e.getKeys().containsKey(e.getCurrentKey())) {
        throw new SyncConfigurationException(
            "sync.encryption.current-key",
            "'" + e.getCurrentKey() + "' is not one of sync.encryption.keys");
      }
      b.current(e.getCurrentKey());
    }
    return b.build();
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new SyncConfigurationException(name, "must be " + min + "-" + max + ", was " + value);
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new SyncConfigurationException(name, "must be a positive duration, was " + d);
    }
  }

  private static void url(String name, String value) {
    try {
      URI u = URI.create(value);
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException | NullPointerException ex) {
      throw new SyncConfigurationException(name, "must be an http(s) URL, was '" + value + "'");
    }
  }
}
