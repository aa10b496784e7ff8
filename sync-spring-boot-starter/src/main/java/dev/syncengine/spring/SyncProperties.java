package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.webflow.WebflowClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the SyncEngine starter, under {@code sync.*}. Every default points at the library's
 * own {@code DEFAULT_*} constant, so there is one source of truth.
 */
@ConfigurationProperties(prefix = "sync")
public class SyncProperties {

  /** Whether the starter wires anything at all. */
  private boolean enabled = true;

  /** Path under which webhook ingress, health, the worker trigger, admin API and dashboard live. */
  private String basePath = SyncServlets.DEFAULT_BASE_PATH;

  /**
   * The public URL of this application (scheme, host, optional port), used to build the webhook
   * URLs registered with SmartSuite, e.g. 'https://sync.example.com'.
   */
  private String publicUrl;

  /**
   * Demo mode: no encryption key or password hash is required, and the reference app seeds its
   * simulators. Never enable in production.
   */
  private boolean demo = false;

  /** Encryption of credentials at rest. */
  private final Encryption encryption = new Encryption();

  /** The dashboard and admin API. */
  private final Admin admin = new Admin();

  /** The background workers. */
  private final Worker worker = new Worker();

  /** Default retry policy of connections created without one. */
  private final Retry retry = new Retry();

  /** The Webflow client. */
  private final Webflow webflow = new Webflow();

  /** The SmartSuite client. */
  private final SmartSuite smartsuite = new SmartSuite();

  /** Webhook ingress. */
  private final Ingress ingress = new Ingress();

  /** How long finished work and logs are kept. */
  private final Retention retention = new Retention();

  /** The stores. */
  private final Store store = new Store();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getBasePath() {
    return basePath;
  }

  public void setBasePath(String basePath) {
    this.basePath = basePath;
  }

  public String getPublicUrl() {
    return publicUrl;
  }

  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  public boolean isDemo() {
    return demo;
  }

  public void setDemo(boolean demo) {
    this.demo = demo;
  }

  public Encryption getEncryption() {
    return encryption;
  }

  public Admin getAdmin() {
    return admin;
  }

  public Worker getWorker() {
    return worker;
  }

  public Retry getRetry() {
    return retry;
  }

  public Webflow getWebflow() {
    return webflow;
  }

  public SmartSuite getSmartsuite() {
    return smartsuite;
  }

  public Ingress getIngress() {
    return ingress;
  }

  public Retention getRetention() {
    return retention;
  }

  public Store getStore() {
    return store;
  }

  /** Encryption of credentials at rest. */
  public static class Encryption {
    /**
     * AES-256 keys by id, each 32 bytes in base64 (generate one with 'openssl rand -base64 32').
     * Keep old keys during rotation so existing values still decrypt.
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

  /** The dashboard and admin API. */
  public static class Admin {
    /**
     * The admin password as a PBKDF2 hash ('pbkdf2-sha256$...'); print one with 'java -cp
     * sync-servlet.jar dev.syncengine.servlet.HashPassword'.
     */
    private String passwordHash;

    /** Whether the session cookie is marked Secure (turn off only for plain-HTTP development). */
    private boolean secureCookie = true;

    /** How long an idle admin session lives. */
    private Duration sessionIdleTimeout = AdminSecurity.DEFAULT_SESSION_IDLE_TIMEOUT;

    /** Bearer secret for 'POST /jobs/run' (at least 32 characters); unset disables it. */
    private String triggerSecret;

    /** Whether the dashboard's static assets are served. */
    private boolean dashboard = true;

    public String getPasswordHash() {
      return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
      this.passwordHash = passwordHash;
    }

    public boolean isSecureCookie() {
      return secureCookie;
    }

    public void setSecureCookie(boolean secureCookie) {
      this.secureCookie = secureCookie;
    }

    public Duration getSessionIdleTimeout() {
      return sessionIdleTimeout;
    }

    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
      this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public String getTriggerSecret() {
      return triggerSecret;
    }

    public void setTriggerSecret(String triggerSecret) {
      this.triggerSecret = triggerSecret;
    }

    public boolean isDashboard() {
      return dashboard;
    }

    public void setDashboard(boolean dashboard) {
      this.dashboard = dashboard;
    }
  }

  /** The background workers. */
  public static class Worker {
    /** Whether this instance runs workers (turn off for ingress-only instances). */
    private boolean enabled = true;

    /** Worker threads. */
    private int concurrency = WorkerSettings.DEFAULT_CONCURRENCY;

    /** Jobs claimed per batch. */
    private int batchSize = WorkerSettings.DEFAULT_CLAIM_SIZE;

    /** How long an idle worker waits before looking again when nothing wakes it. */
    private Duration pollInterval = WorkerSettings.DEFAULT_POLL_INTERVAL;

    /** How long a claim lasts before another worker may take it (renewed while working). */
    private Duration lease = WorkerSettings.DEFAULT_LEASE;

    /** How long shutdown lets running batches finish. */
    private Duration shutdownTimeout = WorkerSettings.DEFAULT_SHUTDOWN_TIMEOUT;

    /** How often webhook keepalive runs. */
    private Duration maintenanceInterval = SyncEngine.DEFAULT_MAINTENANCE_INTERVAL;

    /**
     * An extra pause after a batch that was not full (default 0: workers already wait for the
     * sink's next free request slot and write all that gathered meanwhile in one request).
     */
    private Duration linger = WorkerSettings.DEFAULT_LINGER;

    public Duration getLinger() {
      return linger;
    }

    public void setLinger(Duration linger) {
      this.linger = linger;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(int concurrency) {
      this.concurrency = concurrency;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getShutdownTimeout() {
      return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getMaintenanceInterval() {
      return maintenanceInterval;
    }

    public void setMaintenanceInterval(Duration maintenanceInterval) {
      this.maintenanceInterval = maintenanceInterval;
    }
  }

  /** Default retry policy of connections created without one. */
  public static class Retry {
    /** First backoff ceiling. */
    private Duration initialDelay = RetrySettings.DEFAULT_INITIAL_DELAY;

    /** Cap on any single backoff. */
    private Duration maxDelay = RetrySettings.DEFAULT_MAX_DELAY;

    /** Attempts before a job goes to dead letter. */
    private int maxAttempts = RetrySettings.DEFAULT_MAX_ATTEMPTS;

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }
  }

  /** Timeouts of an API client. */
  public static class ApiClient {
    /** How long to wait for a connection. */
    private Duration connectTimeout;

    /**
     * How long to wait for each answer; an idempotent call is tried up to four times, so a
     * dashboard call can wait about four times this when the API hangs.
     */
    private Duration readTimeout;

    ApiClient(Duration connectTimeout, Duration readTimeout) {
      this.connectTimeout = connectTimeout;
      this.readTimeout = readTimeout;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }
  }

  /** The Webflow client. */
  public static class Webflow extends ApiClient {
    public Webflow() {
      super(WebflowClient.DEFAULT_CONNECT_TIMEOUT, WebflowClient.DEFAULT_READ_TIMEOUT);
    }

    /** Webflow Data API base URL. */
    private String baseUrl = WebflowClient.DEFAULT_BASE_URL;

    /** Requests per minute per token (60 on Starter/Basic plans, 120 on CMS/Business). */
    private int rateLimitPerMinute = 60;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public int getRateLimitPerMinute() {
      return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int rateLimitPerMinute) {
      this.rateLimitPerMinute = rateLimitPerMinute;
    }
  }

  /** The SmartSuite client. */
  public static class SmartSuite extends ApiClient {
    public SmartSuite() {
      super(SmartSuiteClient.DEFAULT_CONNECT_TIMEOUT, SmartSuiteClient.DEFAULT_READ_TIMEOUT);
    }

    /** SmartSuite REST API base URL. */
    private String baseUrl = SmartSuiteClient.DEFAULT_BASE_URL;

    /** SmartSuite webhooks service base URL. */
    private String webhooksUrl = SmartSuiteClient.DEFAULT_WEBHOOKS_URL;

    /** Requests per second per API key (SmartSuite allows 5). */
    private int requestsPerSecond = SmartSuiteClient.DEFAULT_REQUESTS_PER_SECOND;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getWebhooksUrl() {
      return webhooksUrl;
    }

    public void setWebhooksUrl(String webhooksUrl) {
      this.webhooksUrl = webhooksUrl;
    }

    public int getRequestsPerSecond() {
      return requestsPerSecond;
    }

    public void setRequestsPerSecond(int requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
    }
  }

  /** Webhook ingress. */
  public static class Ingress {
    /** Largest webhook body accepted, in bytes; larger ones get 413. */
    private int maxBodySize = SyncServlets.DEFAULT_MAX_WEBHOOK_BYTES;

    public int getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(int maxBodySize) {
      this.maxBodySize = maxBodySize;
    }
  }

  /** How long finished work and logs are kept. */
  public static class Retention {
    /** How long finished queue rows (and idempotency keys) are kept. */
    private Duration doneJobs = SyncEngine.DEFAULT_DONE_JOB_RETENTION;

    /** How long sync log entries are kept. */
    private Duration eventLog = SyncEngine.DEFAULT_EVENT_LOG_RETENTION;

    public Duration getDoneJobs() {
      return doneJobs;
    }

    public void setDoneJobs(Duration doneJobs) {
      this.doneJobs = doneJobs;
    }

    public Duration getEventLog() {
      return eventLog;
    }

    public void setEventLog(Duration eventLog) {
      this.eventLog = eventLog;
    }
  }

  /** The stores. */
  public static class Store {
    /**
     * Whether the library applies its SQL migrations on start (off for hosts with their own tool).
     */
    private boolean migrations = true;

    public boolean isMigrations() {
      return migrations;
    }

    public void setMigrations(boolean migrations) {
      this.migrations = migrations;
    }
  }
}
