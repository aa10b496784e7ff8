package dev.syncengine.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One locale a target can hold item variants in (for Webflow: an entry of the site's {@code
 * locales}, identified by its {@code cmsLocaleId}).
 *
 * @param id the id the target addresses the locale's variants by (Webflow's {@code cmsLocaleId})
 * @param tag the locale's tag, e.g. {@code fr-FR}, or null when the target gives none
 * @param displayName the name people see, e.g. {@code French (France)}, or null
 * @param primary whether this is the target's primary locale (its variants are the items
 *     themselves)
 */
public record TargetLocale(String id, String tag, String displayName, boolean primary) {
  public TargetLocale {
    Objects.requireNonNull(id, "id");
  }

  /** Whether a mapping's locale key names this locale: its id, or its tag ignoring case. */
  public boolean matches(String key) {
    return id.equals(key) || (tag != null && tag.toLowerCase(Locale.ROOT).equals(lower(key)));
  }

  /** {@code fr-FR (French)} for messages. */
  public String describe() {
    String t = tag == null ? id : tag;
    return displayName == null || displayName.isBlank() ? t : t + " (" + displayName + ")";
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
