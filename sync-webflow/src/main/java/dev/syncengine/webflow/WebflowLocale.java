package dev.syncengine.webflow;

import java.util.Objects;

/**
 * One locale of a Webflow site, as {@code GET /sites/{site_id}} lists it under {@code
 * locales.primary} and {@code locales.secondary[]} (webflow-openapi-v2.yml, the Site schema). Items
 * are addressed per locale by {@link #cmsLocaleId()}, which differs from the site locale's {@link
 * #id()}.
 *
 * @param id the site locale id
 * @param cmsLocaleId the CMS locale id items and requests carry as {@code cmsLocaleId}
 * @param tag e.g. {@code fr-FR}, or null
 * @param displayName e.g. {@code French (France)}, or null
 * @param enabled whether the locale is enabled
 * @param primary whether it is the site's primary locale
 */
public record WebflowLocale(
    String id,
    String cmsLocaleId,
    String tag,
    String displayName,
    boolean enabled,
    boolean primary) {
  public WebflowLocale {
    Objects.requireNonNull(cmsLocaleId, "cmsLocaleId");
  }
}
