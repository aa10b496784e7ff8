package dev.syncengine.smartsuite.internal;

/**
 * Whether a SmartSuite webhook is this connection's own, judged by the URL it notifies. The
 * engine's notification URL is {@code <hooks base><connection id>/<webhook token>}: a webhook
 * notifying the same URL but for its last path segment notifies this connection under an older
 * token (the token was rotated), so it is ours too. Stateless and thread-safe.
 */
public final class WebhookOwnership {
  private WebhookOwnership() {}

  /**
   * True when {@code theirs} is {@code ours}, or, when {@code ours} ends in {@code /token}, differs
   * from it only in that last path segment (and carries neither query nor fragment). Without a
   * token only the exact URL is ours: stripping a segment that is not the token could match every
   * connection under the same base.
   */
  public static boolean isOurs(String theirs, String ours, String token) {
    if (theirs == null || ours == null || theirs.isEmpty() || ours.isEmpty()) {
      return false;
    }
    if (theirs.equals(ours)) {
      return true;
    }
    if (token == null || token.isEmpty() || !ours.endsWith("/" + token)) {
      return false;
    }
    String a = connectionPath(theirs);
    String b = connectionPath(ours);
    return a != null && a.equals(b);
  }

  /** The URL without its last path segment (keeping the slash), or null when it has none. */
  static String connectionPath(String url) {
    if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int pathStart = url.indexOf('/', scheme + 3);
    int last = url.lastIndexOf('/');
    if (pathStart < 0 || last <= pathStart || last == url.length() - 1) {
      return null; // no path, a single segment, or a trailing slash: nothing to strip safely
    }
    return url.substring(0, last + 1);
  }
}
