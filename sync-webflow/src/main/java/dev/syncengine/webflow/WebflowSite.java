package dev.syncengine.webflow;

import java.util.List;

/**
 * A Webflow site as {@code GET /sites} lists it.
 *
 * @param id site id
 * @param displayName the name people see
 * @param shortName the subdomain name, or null
 * @param cmsLocaleIds the site's CMS locale ids (may be empty)
 */
public record WebflowSite(
    String id, String displayName, String shortName, List<String> cmsLocaleIds) {
  public WebflowSite {
    cmsLocaleIds = List.copyOf(cmsLocaleIds);
  }
}
