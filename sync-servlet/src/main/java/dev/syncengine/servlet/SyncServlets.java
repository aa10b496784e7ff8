package dev.syncengine.servlet;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.servlet.internal.AdminContext;
import dev.syncengine.servlet.internal.AdminServlet;
import dev.syncengine.servlet.internal.AnalyticsApi;
import dev.syncengine.servlet.internal.BackfillApi;
import dev.syncengine.servlet.internal.ConnectionsApi;
import dev.syncengine.servlet.internal.DashboardServlet;
import dev.syncengine.servlet.internal.DiscoveryApi;
import dev.syncengine.servlet.internal.EventsApi;
import dev.syncengine.servlet.internal.HealthServlet;
import dev.syncengine.servlet.internal.IngressServlet;
import dev.syncengine.servlet.internal.ItemsApi;
import dev.syncengine.servlet.internal.LoginThrottle;
import dev.syncengine.servlet.internal.MappingsApi;
import dev.syncengine.servlet.internal.ProvisioningApi;
import dev.syncengine.servlet.internal.ReverseDecisionsApi;
import dev.syncengine.servlet.internal.Router;
import dev.syncengine.servlet.internal.SecurityHeadersFilter;
import dev.syncengine.servlet.internal.SessionApi;
import dev.syncengine.servlet.internal.Sessions;
import dev.syncengine.servlet.internal.TriggerServlet;
import dev.syncengine.servlet.internal.TwoWayApi;
import dev.syncengine.servlet.internal.WebhooksApi;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The servlets and the filter that expose a {@link SyncEngine} over HTTP, all under one base path:
 *
 * <ul>
 *   <li>{@code POST {base}/hooks/{connectionId}[/{token}]} — webhook ingress
 *   <li>{@code GET {base}/health}, {@code GET {base}/health/ready}
 *   <li>{@code POST {base}/jobs/run} — one worker pass, bearer secret
 *   <li>{@code {base}/admin/api/...} — the admin JSON API (see {@code docs/api.md})
 *   <li>{@code GET {base}/} — the dashboard's static files
 * </ul>
 *
 * <pre>{@code
 * SyncServlets servlets = SyncServlets.builder(engine)
 *     .basePath("/sync")
 *     .security(AdminSecurity.builder().passwordHash(hash).build())
 *     .build();
 * servlets.register(servletContext);   // e.g. from a ServletContainerInitializer
 * // or mount servlets.mounts() yourself
 * }</pre>
 *
 * <p>Immutable and thread-safe; the servlets may be mounted in one container only (they share
 * session state).
 */
public final class SyncServlets {
  public static final String DEFAULT_BASE_PATH = "/sync";
  public static final int DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024;

  private final String basePath;
  private final IngressServlet ingress;
  private final HealthServlet health;
  private final TriggerServlet trigger;
  private final AdminServlet admin;
  private final DashboardServlet dashboard;
  private final SecurityHeadersFilter headers = new SecurityHeadersFilter();

  /**
   * Where one servlet goes.
   *
   * @param name a registration name
   * @param pathSpec the servlet mapping, e.g. {@code /sync/hooks/*}
   * @param servlet the servlet
   */
  public record Mount(String name, String pathSpec, HttpServlet servlet) {}

  private SyncServlets(Builder b) {
    this.basePath = b.basePath;
    SyncEngine engine = b.engine;
    this.ingress = new IngressServlet(engine, b.maxWebhookBytes);
    this.health = new HealthServlet(engine, b.checks);
    this.trigger = new TriggerServlet(engine, b.security.triggerSecret().orElse(null));
    Sessions sessions = new Sessions(b.clock, b.security.sessionIdleTimeout());
    LoginThrottle throttle =
        new LoginThrottle(b.clock, b.security.loginMaxFailures(), b.security.loginFailureWindow());
    AdminContext ctx = new AdminContext(engine, b.publicBaseUrl, basePath, b.defaultRetry);
    Router router = new Router();
    new SessionApi(
            sessions,
            throttle,
            b.security.passwordHash().orElse(null),
            b.security.cookieName(),
            b.security.secureCookie())
        .register(router);
    new ConnectionsApi(ctx).register(router);
    new WebhooksApi(ctx).register(router);
    new BackfillApi(ctx).register(router);
    new DiscoveryApi(ctx).register(router);
    new MappingsApi(ctx).register(router);
    new ProvisioningApi(ctx).register(router);
    new EventsApi(ctx).register(router);
    new TwoWayApi(ctx).register(router);
    new ReverseDecisionsApi(ctx).register(router);
    new ItemsApi(ctx).register(router);
    new AnalyticsApi(ctx).register(router);
    this.admin =
        new AdminServlet(router, sessions, b.security.cookieName(), b.security.maxBodyBytes());
    this.dashboard = b.dashboard ? new DashboardServlet(SyncServlets.class.getClassLoader()) : null;
  }

  public static Builder builder(SyncEngine engine) {
    return new Builder(engine);
  }

  public String basePath() {
    return basePath;
  }

  /** Every servlet with its mapping, most specific first. */
  public List<Mount> mounts() {
    List<Mount> m = new ArrayList<>();
    m.add(new Mount("syncengine-ingress", basePath + "/hooks/*", ingress));
    m.add(new Mount("syncengine-health", basePath + "/health/*", health));
    m.add(new Mount("syncengine-trigger", basePath + "/jobs/*", trigger));
    m.add(new Mount("syncengine-admin", basePath + "/admin/api/*", admin));
    if (dashboard != null) {
      m.add(new Mount("syncengine-dashboard", basePath + "/*", dashboard));
    }
    return m;
  }

  /** Sets the security headers; map it to {@link #filterPathSpec()}. */
  public Filter securityHeadersFilter() {
    return headers;
  }

  /** {@code {base}/*}. */
  public String filterPathSpec() {
    return basePath + "/*";
  }

  /**
   * Registers every servlet and the filter with a context that is still initialising (a {@code
   * ServletContainerInitializer} or {@code ServletContextListener}).
   */
  public void register(ServletContext context) {
    for (Mount m : mounts()) {
      ServletRegistration.Dynamic r = context.addServlet(m.name(), m.servlet());
      r.addMapping(m.pathSpec());
    }
    FilterRegistration.Dynamic f = context.addFilter("syncengine-headers", headers);
    f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, filterPathSpec());
  }

  /** Mutable, not thread-safe; {@link #build()} wires the servlets. */
  public static final class Builder {
    private final SyncEngine engine;
    private String basePath = DEFAULT_BASE_PATH;
    private AdminSecurity security = AdminSecurity.disabled();
    private String publicBaseUrl;
    private int maxWebhookBytes = DEFAULT_MAX_WEBHOOK_BYTES;
    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private boolean dashboard = true;
    private RetrySettings defaultRetry = RetrySettings.ofDefaults();

    private Builder(SyncEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The path every endpoint lives under: {@code ""} or {@code /x[/y...]} (default {@value
     * #DEFAULT_BASE_PATH}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public Builder basePath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.isEmpty() && !path.matches("(/[A-Za-z0-9._~-]+)+")) {
        throw new IllegalArgumentException("base path must be empty or like /sync");
      }
      this.basePath = path;
      return this;
    }

    public Builder security(AdminSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * The base URL senders reach, e.g. {@code https://sync.example.com/sync}, used in webhook URLs.
     * Without it the URL is derived from the admin request.
     *
     * @throws IllegalArgumentException unless it starts with http:// or https://
     */
    public Builder publicBaseUrl(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
        throw new IllegalArgumentException("public base URL must be an http(s) URL");
      }
      this.publicBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      return this;
    }

    /**
     * Largest webhook body (default 1 MiB); larger ones get 413.
     *
     * @throws IllegalArgumentException outside 1 KiB – 64 MiB
     */
    public Builder maxWebhookBytes(int bytes) {
      if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("maxWebhookBytes must be 1 KiB - 64 MiB");
      }
      this.maxWebhookBytes = bytes;
      return this;
    }

    /** Adds a condition to {@code /health/ready}. */
    public Builder readinessCheck(String name, ReadinessCheck check) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
      if (name.equals("store")) {
        throw new IllegalArgumentException("'store' is the built-in check");
      }
      checks.put(name, check);
      return this;
    }

    /** The clock of session expiry and login throttling (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The retry policy of connections created through the admin API without one (default {@link
     * RetrySettings#ofDefaults()}).
     */
    public Builder defaultRetry(RetrySettings retry) {
      this.defaultRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Whether to serve the dashboard's static files under {@code {base}/} (default true). */
    public Builder dashboard(boolean serve) {
      this.dashboard = serve;
      return this;
    }

    /** Wires the servlets; mappings are validated, previewed and suggested by the engine. */
    public SyncServlets build() {
      return new SyncServlets(this);
    }
  }
}
