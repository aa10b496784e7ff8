package dev.syncengine.core.mapping.internal;

import java.util.ArrayList;
import java.util.List;

/** Warnings gathered while one field of one record is mapped. Not thread-safe: one per field. */
public final class Issues {
  private List<String> warnings;

  public void warn(String message) {
    if (warnings == null) {
      warnings = new ArrayList<>(2);
    }
    warnings.add(message);
  }

  public List<String> warnings() {
    return warnings == null ? List.of() : warnings;
  }

  public void clear() {
    if (warnings != null) {
      warnings.clear();
    }
  }
}
