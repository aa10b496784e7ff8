package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.webflow.WebflowValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slug rules of the sink: collision detection and {@code -2}, {@code -3} suffixes. Stateless. */
public final class Slugs {
  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
  private static final int MAX_LENGTH = 256;

  private Slugs() {}

  public static String of(ObjectNode fieldData) {
    return fieldData.path("slug").asText("");
  }

  /** Whether a 400 says a slug is taken. */
  public static boolean isCollision(WebflowValidationException e) {
    return e.details().stream()
        .anyMatch(
            d ->
                "slug".equals(d.param())
                    || (d.description() != null && d.description().contains("Unique value")));
  }

  /** The slug quoted in a uniqueness error's description, or null. */
  public static String quotedSlug(WebflowValidationException e) {
    for (var d : e.details()) {
      if (d.description() != null) {
        Matcher m = QUOTED.matcher(d.description());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** {@code base-n}, cut so that it stays within Webflow's length cap. */
  public static String withSuffix(String base, int n) {
    String suffix = "-" + n;
    String head =
        base.length() + suffix.length() > MAX_LENGTH
            ? base.substring(0, MAX_LENGTH - suffix.length())
            : base;
    return head + suffix;
  }

  /**
   * The slug to keep for an update: the item's current slug when the mapped one only lacks the
   * suffix a collision once added (so the item keeps its URL), else the mapped slug.
   */
  public static String effective(String mapped, String current) {
    if (current != null
        && (current.equals(mapped) || current.matches(Pattern.quote(mapped) + "-\\d+"))) {
      return current;
    }
    return mapped;
  }
}
