package dev.syncengine.spring;

import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.webflow.WebflowClient;
import java.time.Duration;
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

  /**
   * Encryption of credentials at rest. Its properties are declared in {@link EncryptionProperties}.
   */
  public static class Encryption extends EncryptionProperties {}

  /** The dashboard and admin API. Its properties are declared in {@link AdminProperties}. */
  public static class Admin extends AdminProperties {}

  /** The background workers. Its properties are declared in {@link WorkerProperties}. */
  public static class Worker extends WorkerProperties {}

  /**
   * Default retry policy of connections created without one. Its properties are declared in {@link
   * RetryProperties}.
   */
  public static class Retry extends RetryProperties {}

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

  /**
   * How long finished work and logs are kept. Its properties are declared in {@link
   * RetentionProperties}.
   */
  public static class Retention extends RetentionProperties {}

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
