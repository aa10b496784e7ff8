package dev.syncengine.core.mapping;

import dev.syncengine.core.mapping.internal.Words;
import java.util.List;

/**
 * Webflow item slugs: lowercase ASCII letters, digits and single hyphens, no leading or trailing
 * hyphen, at most {@link #DEFAULT_MAX_LENGTH} characters. Accents are transliterated ({@code Crème
 * Brûlée} becomes {@code creme-brulee}), apostrophes vanish ({@code Hitchhiker's} becomes {@code
 * hitchhikers}) and every other run of characters becomes one hyphen. The same input always gives
 * the same slug.
 *
 * <pre>{@code
 * Slugs.slugify("Crème Brûlée");          // "creme-brulee"
 * Slugs.withSuffix("creme-brulee", 2);    // "creme-brulee-2" (the sink's collision handling)
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Slugs {
  /** Webflow accepts up to 256 characters; shorter slugs make better URLs. */
  public static final int DEFAULT_MAX_LENGTH = 100;

  private Slugs() {}

  /** The slug of {@code text}, at most {@link #DEFAULT_MAX_LENGTH} long; empty when no letters. */
  public static String slugify(String text) {
    return slugify(text, DEFAULT_MAX_LENGTH);
  }

  /**
   * The slug of {@code text}, at most {@code maxLength} characters, cut at a word boundary where
   * one lies in the second half; empty when the text has no letters or digits.
   *
   * @throws IllegalArgumentException when {@code maxLength} is below 1
   */
  public static String slugify(String text, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1: " + maxLength);
    }
    if (text == null) {
      return "";
    }
    List<String> words = Words.split(text);
    StringBuilder sb = new StringBuilder(text.length());
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append('-');
      }
      sb.append(w.toLowerCase(java.util.Locale.ROOT));
    }
    return cut(sb.toString(), maxLength);
  }

  /**
   * {@code slug} with {@code -n} appended, shortened first so the result stays within {@link
   * #DEFAULT_MAX_LENGTH}: {@code withSuffix("tea", 2)} is {@code "tea-2"}.
   *
   * @throws IllegalArgumentException when {@code n} is below 2 or {@code slug} is blank
   */
  public static String withSuffix(String slug, int n) {
    return withSuffix(slug, n, DEFAULT_MAX_LENGTH);
  }

  /**
   * {@code slug} with {@code -n} appended, within {@code maxLength} characters.
   *
   * @throws IllegalArgumentException when {@code n} is below 2, {@code slug} is blank, or the
   *     suffix alone does not fit
   */
  public static String withSuffix(String slug, int n, int maxLength) {
    if (n < 2) {
      throw new IllegalArgumentException("suffix number must be 2 or more: " + n);
    }
    if (slug == null || slug.isBlank()) {
      throw new IllegalArgumentException("slug must not be blank");
    }
    String suffix = "-" + n;
    if (suffix.length() >= maxLength) {
      throw new IllegalArgumentException("suffix " + suffix + " does not fit in " + maxLength);
    }
    return cut(slug, maxLength - suffix.length()) + suffix;
  }

  private static String cut(String slug, int maxLength) {
    if (slug.length() <= maxLength) {
      return slug;
    }
    String head = slug.substring(0, maxLength);
    int hyphen = head.lastIndexOf('-');
    if (slug.charAt(maxLength) == '-') {
      return head;
    }
    if (hyphen >= maxLength / 2) {
      return head.substring(0, hyphen);
    }
    // No word boundary late enough: cut mid-word rather than lose half the slug.
    while (head.endsWith("-")) {
      head = head.substring(0, head.length() - 1);
    }
    return head;
  }
}
