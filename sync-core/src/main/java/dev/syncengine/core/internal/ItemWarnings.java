package dev.syncengine.core.internal;

import java.util.List;

/**
 * The message a written item's log entry carries for the mapping's warnings (an image over the
 * target's size limit left out, a list cut to the target's limit): the item inspector and the sync
 * log show it next to the write. Stateless.
 */
final class ItemWarnings {
  /** Cut so one record with many warnings cannot flood the log. */
  static final int MAX_CHARS = 2000;

  private ItemWarnings() {}

  /** {@code "warnings: a; b"}, or null when there are none. */
  static String message(List<String> warnings) {
    if (warnings == null || warnings.isEmpty()) {
      return null;
    }
    String m = "warnings: " + String.join("; ", warnings);
    return m.length() <= MAX_CHARS ? m : m.substring(0, MAX_CHARS - 1) + "…";
  }
}
