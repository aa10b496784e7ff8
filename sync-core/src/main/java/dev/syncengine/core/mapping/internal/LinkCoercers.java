package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Link, VideoLink, Email and Phone: validated strings, the first of an array. Thread-safe. */
final class LinkCoercers {
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
  private static final Pattern PHONE_CHARS =
      Pattern.compile(
          "^\\+?[0-9 ()./-]+(?:\\s*(?:x|ext\\.?|extension)\\s*[0-9]+)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_DOMAIN =
      Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(?::[0-9]+)?(?:[/?#].*)?$");

  private LinkCoercers() {}

  /**
   * Link: http(s), mailto: or tel: URLs; a bare domain gets {@code https://}, an email address
   * {@code mailto:}.
   */
  static Coercer link(String type) {
    return (v, issues) -> {
      String s = Values.text(Coercer.first(v)).strip();
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("mailto:") || lower.startsWith("tel:")) {
        return Values.JSON.textNode(s);
      }
      if (s.length() <= 254 && EMAIL.matcher(s).matches()) {
        return Values.JSON.textNode("mailto:" + s);
      }
      s = withScheme(s);
      if (!isWebUrl(s)) {
        throw Coercer.cannot(v, type, "expected an http(s) URL");
      }
      return Values.JSON.textNode(s);
    };
  }

  /**
   * VideoLink: an http(s) URL (a bare domain gets {@code https://}); hosts other than YouTube and
   * Vimeo draw a warning.
   */
  static Coercer videoLink(String type) {
    return (v, issues) -> {
      String s = withScheme(Values.text(Coercer.first(v)).strip());
      if (!isWebUrl(s)) {
        throw Coercer.cannot(v, type, "expected an http(s) URL of a video");
      }
      String host = URI.create(s).getHost().toLowerCase(Locale.ROOT);
      if (!(host.endsWith("youtube.com")
          || host.endsWith("youtu.be")
          || host.endsWith("vimeo.com"))) {
        issues.warn("Webflow embeds YouTube and Vimeo videos; " + host + " may not play");
      }
      return Values.JSON.textNode(s);
    };
  }

  static Coercer email(String type) {
    return (v, issues) -> {
      String s = Values.text(Coercer.first(v)).strip();
      if (s.length() > 254 || !EMAIL.matcher(s).matches()) {
        throw Coercer.cannot(v, type, "not an email address");
      }
      return Values.JSON.textNode(s);
    };
  }

  /** Phone: the formatted number; 5 to 15 digits, an optional extension. */
  static Coercer phone(String type) {
    return (v, issues) -> {
      JsonNode one = Coercer.first(v);
      String s =
          one.isObject() && one.has("phone_number")
              ? one.get("phone_number").asText()
              : Values.text(one);
      s = s.strip();
      String main = s.replaceAll("(?i)\\s*(x|ext\\.?|extension)\\s*[0-9]+$", "");
      long digits = main.chars().filter(Character::isDigit).count();
      if (!PHONE_CHARS.matcher(s).matches() || digits < 5 || digits > 15) {
        throw Coercer.cannot(v, type, "expected a phone number of 5 to 15 digits");
      }
      return Values.JSON.textNode(s);
    };
  }

  /** {@code https://} before a bare domain such as {@code example.com/a}; anything else as is. */
  private static String withScheme(String s) {
    return !s.contains("://") && BARE_DOMAIN.matcher(s).matches() ? "https://" + s : s;
  }

  /** An absolute http(s) URL with a host. */
  static boolean isWebUrl(String s) {
    if (s.isEmpty() || s.length() > 2048 || s.indexOf(' ') >= 0) {
      return false;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && !u.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
