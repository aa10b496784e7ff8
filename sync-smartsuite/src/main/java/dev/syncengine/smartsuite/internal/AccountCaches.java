package dev.syncengine.smartsuite.internal;

import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema and shared-file URL caches of each API key and workspace, kept by one {@code
 * SmartSuiteSource} across its sessions: a session is replaced on every config change, and the
 * caches it filled stay for the next one and for every other connection of the key. Keys are held
 * only as SHA-256 digests, as {@link RateLimiters} holds them. The caches are per source, not per
 * JVM, because what they hold depends on the source's settings (base URL, TTLs, clock).
 * Thread-safe.
 */
public final class AccountCaches {
  private final Duration schemaTtl;
  private final Duration fileUrlTtl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Caches> byKey = new ConcurrentHashMap<>();

  public AccountCaches(Duration schemaTtl, Duration fileUrlTtl, Clock clock) {
    this.schemaTtl = schemaTtl;
    this.fileUrlTtl = fileUrlTtl;
    this.clock = clock;
  }

  /** {@code client}'s way to the caches of its key and workspace. */
  public Account account(SmartSuiteClient client, String apiKey, String accountId) {
    Caches caches =
        byKey.computeIfAbsent(
            RateLimiters.fingerprint(apiKey) + "/" + accountId,
            k -> new Caches(new FileUrlCache(fileUrlTtl, clock)));
    return new Account(client, caches);
  }

  private record CachedSchema(SourceSchema schema, Instant fetchedAt) {}

  private static final class Caches {
    final FileUrlCache files;
    final ConcurrentHashMap<String, CachedSchema> schemas = new ConcurrentHashMap<>();

    Caches(FileUrlCache files) {
      this.files = files;
    }
  }

  /** A client, with the caches of its key and workspace. Thread-safe. */
  public final class Account {
    private final SmartSuiteClient client;
    private final Caches caches;

    private Account(SmartSuiteClient client, Caches caches) {
      this.client = client;
      this.caches = caches;
    }

    public SmartSuiteClient client() {
      return client;
    }

    /** Shared-file URLs through the key's cache, fetched with this client when missing. */
    public FileUrlResolver files() {
      return handle ->
          caches.files.urlFor(
              handle,
              h -> {
                try {
                  return client.sharedFileUrl(h);
                } catch (SmartSuiteApiException e) {
                  if (e.isNotFound()) {
                    return null;
                  }
                  throw e;
                }
              });
    }

    /** The table's schema, cached per table for the schema TTL. */
    public SourceSchema schema(String table) {
      Instant now = clock.instant();
      CachedSchema cached = caches.schemas.get(table);
      if (cached != null && now.isBefore(cached.fetchedAt().plus(schemaTtl))) {
        return cached.schema();
      }
      return refreshSchema(table);
    }

    /** The table's schema read now, and cached from now. */
    public SourceSchema refreshSchema(String table) {
      SourceSchema fresh = SchemaReader.read(table, client.getTable(table));
      caches.schemas.put(table, new CachedSchema(fresh, clock.instant()));
      return fresh;
    }
  }
}
