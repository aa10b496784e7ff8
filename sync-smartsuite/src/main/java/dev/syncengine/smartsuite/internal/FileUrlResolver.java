package dev.syncengine.smartsuite.internal;

/** Turns a SmartSuite file handle into a public URL. Implementations are thread-safe. */
@FunctionalInterface
public interface FileUrlResolver {
  /** The public URL, or null when the file no longer exists. */
  String urlFor(String handle);
}
