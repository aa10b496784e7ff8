package dev.syncengine.webflow;

import dev.syncengine.core.model.ConnectionConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Connection options for publishing the whole site after writes, for sites whose pages show
 * collection items only once the site is published. Webflow allows "one successful publish queue
 * per minute" per site (webflow-openapi-v2.yml, {@code site-publish}; webflow-api.md "limited to
 * one successful publish per minute"), so the sink sends at most one per {@link #MIN_INTERVAL} and
 * site: writes while the minute runs are coalesced into one publish when it ends.
 *
 * <pre>{@code
 * options: {"webflow.publishSite": "true", "webflow.publishSite.customDomains": "d1,d2"}
 * }</pre>
 *
 * @param customDomainIds the custom domains to publish to (Webflow's domain ids), maybe none
 * @param webflowSubdomain whether to publish to the webflow.io subdomain; Webflow needs at least
 *     one of the two ({@code site-publish}: "You must include at least one of the customDomains or
 *     publishToWebflowSubdomain properties")
 */
public record WebflowSitePublish(List<String> customDomainIds, boolean webflowSubdomain) {
  /** Connection option: {@code true} to publish the site after writes that changed items. */
  public static final String OPTION_PUBLISH_SITE = "webflow.publishSite";

  /** Connection option: comma-separated custom domain ids to publish to (default none). */
  public static final String OPTION_CUSTOM_DOMAINS = "webflow.publishSite.customDomains";

  /**
   * Connection option: {@code true} or {@code false}, publish to the webflow.io subdomain (default
   * true without custom domains, false with them).
   */
  public static final String OPTION_WEBFLOW_SUBDOMAIN = "webflow.publishSite.webflowSubdomain";

  /** Webflow's site-publish rate: one per minute. */
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  public WebflowSitePublish {
    customDomainIds = List.copyOf(customDomainIds);
  }

  /** What the connection asks to publish, or null when it does not publish the site. */
  public static WebflowSitePublish of(ConnectionConfig connection) {
    if (!"true".equalsIgnoreCase(connection.option(OPTION_PUBLISH_SITE, "false").strip())) {
      return null;
    }
    List<String> domains =
        Arrays.stream(connection.option(OPTION_CUSTOM_DOMAINS, "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    String sub = connection.option(OPTION_WEBFLOW_SUBDOMAIN, null);
    boolean subdomain = sub == null ? domains.isEmpty() : "true".equalsIgnoreCase(sub.strip());
    return new WebflowSitePublish(domains, subdomain || domains.isEmpty());
  }
}
