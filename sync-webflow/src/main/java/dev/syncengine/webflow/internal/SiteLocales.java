package dev.syncengine.webflow.internal;

import dev.syncengine.core.model.TargetLocale;
import dev.syncengine.webflow.WebflowAuthException;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowLocale;
import dev.syncengine.webflow.WebflowLocaleClient;
import dev.syncengine.webflow.WebflowNotFoundException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The locales of each site a sink writes to, read from {@code GET /sites/{site_id}} (its {@code
 * locales.primary} and {@code locales.secondary[]}, webflow-openapi-v2.yml) once and kept; a schema
 * read refreshes them. Thread-safe; one per sink.
 */
public final class SiteLocales {
  private final ConcurrentMap<String, List<WebflowLocale>> bySite = new ConcurrentHashMap<>();

  /**
   * The site's locales for its schema, read now: empty when there is no site id, or the site cannot
   * be read (a token without {@code sites:read}, a site id the token does not see). The fields are
   * the same in every locale, so a schema without locales still serves unlocalized mappings.
   */
  public List<TargetLocale> forSchema(WebflowClient client, String siteId) {
    if (siteId == null) {
      return List.of();
    }
    try {
      List<WebflowLocale> read = new WebflowLocaleClient(client).siteLocales(siteId);
      bySite.put(siteId, read);
      return read.stream()
          .map(l -> new TargetLocale(l.cmsLocaleId(), l.tag(), l.displayName(), l.primary()))
          .toList();
    } catch (WebflowNotFoundException | WebflowAuthException e) {
      return List.of();
    }
  }

  /** The site's locales, read once when not known yet. */
  List<WebflowLocale> get(WebflowClient client, String siteId) {
    List<WebflowLocale> known = bySite.get(siteId);
    if (known != null) {
      return known;
    }
    List<WebflowLocale> read = new WebflowLocaleClient(client).siteLocales(siteId);
    bySite.put(siteId, read);
    return read;
  }
}
