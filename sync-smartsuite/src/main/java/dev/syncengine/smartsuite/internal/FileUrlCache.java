package dev.syncengine.smartsuite.internal;

import dev.syncengine.smartsuite.SharedFileUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Caches shared-file URLs while they are valid: until SmartSuite's {@code expires_at} less a
 * margin, or for {@code ttl} when it gave none. A handle SmartSuite does not know maps to null.
 * Thread-safe.
 */
public final class FileUrlCache {
  private static final Duration MARGIN = Duration.ofMinutes(1);
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(String url, Instant validUntil) {}

  public FileUrlCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * The handle's URL, from the cache or from {@code fetch}.
   *
   * @param fetch looks a handle up; returns null when the file does not exist
   */
  public String urlFor(String handle, Function<String, SharedFileUrl> fetch) {
    Instant now = clock.instant();
    Entry e = cache.get(handle);
    if (e != null && now.isBefore(e.validUntil())) {
      return e.url();
    }
    SharedFileUrl fresh = fetch.apply(handle);
    if (fresh == null) {
      cache.remove(handle);
      return null;
    }
    Instant until = fresh.expiresAt() == null ? now.plus(ttl) : fresh.expiresAt().minus(MARGIN);
    cache.put(handle, new Entry(fresh.url(), until));
    return fresh.url();
  }
}
