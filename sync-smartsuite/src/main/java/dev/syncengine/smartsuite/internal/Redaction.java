package dev.syncengine.smartsuite.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for logs and exception messages. A webhook notification URL carries
 * the connection's token in its path, so every URL keeps only its scheme and host. Stateless and
 * thread-safe.
 */
public final class Redaction {
  private static final Pattern URL =
      Pattern.compile("(?i)(https?://[^/\\s\"'<>?#]+)([^\\s\"'<>]*)");

  private Redaction() {}

  /** {@code text} with the path, query and fragment of every http(s) URL replaced by ••••. */
  public static String urls(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String rest = m.group(2);
      String masked = rest.isEmpty() || rest.equals("/") ? m.group() : m.group(1) + "/••••";
      m.appendReplacement(out, Matcher.quoteReplacement(masked));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One URL for a log line: scheme, host and the path without its last segment (the token). */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    int slash = base.lastIndexOf('/');
    int hostEnd = base.indexOf('/', base.indexOf("://") + 3);
    if (slash <= hostEnd || hostEnd < 0) {
      return base + (q < 0 ? "" : "?••••");
    }
    return base.substring(0, slash + 1) + "••••";
  }
}
