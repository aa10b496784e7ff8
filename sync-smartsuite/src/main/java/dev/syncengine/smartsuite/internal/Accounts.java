package dev.syncengine.smartsuite.internal;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link Account} (a client and its caches) per API key and workspace, created on first use
 * from a connection's credentials. Thread-safe.
 */
public final class Accounts {
  private final Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> clientSettings;
  private final Duration schemaTtl;
  private final Duration fileUrlTtl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Account> byKey = new ConcurrentHashMap<>();

  public Accounts(
      Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> clientSettings,
      Duration schemaTtl,
      Duration fileUrlTtl,
      Clock clock) {
    this.clientSettings = clientSettings;
    this.schemaTtl = schemaTtl;
    this.fileUrlTtl = fileUrlTtl;
    this.clock = clock;
  }

  /** A client, its shared-file URL cache and its schema cache, for one API key and workspace. */
  public final class Account {
    private final SmartSuiteClient client;
    private final FileUrlCache files;
    private final ConcurrentHashMap<String, CachedSchema> schemas = new ConcurrentHashMap<>();

    private Account(SmartSuiteClient client, FileUrlCache files) {
      this.client = client;
      this.files = files;
    }

    public SmartSuiteClient client() {
      return client;
    }

    public FileUrlCache files() {
      return files;
    }

    /** The table's schema, cached per table for the schema TTL. */
    public SourceSchema schema(String table) {
      Instant now = clock.instant();
      CachedSchema cached = schemas.get(table);
      if (cached != null && now.isBefore(cached.fetchedAt().plus(schemaTtl))) {
        return cached.schema();
      }
      SourceSchema fresh = SchemaReader.read(table, client.getTable(table));
      schemas.put(table, new CachedSchema(fresh, now));
      return fresh;
    }
  }

  private record CachedSchema(SourceSchema schema, Instant fetchedAt) {}

  /** The account of the connection's API key and workspace. */
  public Account of(ConnectionConfig connection) {
    Credentials c = connection.credentials();
    String key = c.require(SmartSuiteCredentials.API_KEY);
    String accountId = c.require(SmartSuiteCredentials.ACCOUNT_ID);
    return byKey.computeIfAbsent(
        RateLimiters.fingerprint(key) + "/" + accountId, k -> create(key, accountId));
  }

  private Account create(String key, String accountId) {
    SmartSuiteClient client =
        clientSettings.apply(SmartSuiteClient.builder()).apiKey(key).accountId(accountId).build();
    FileUrlCache files =
        new FileUrlCache(
            handle -> {
              try {
                return client.sharedFileUrl(handle);
              } catch (SmartSuiteApiException e) {
                if (e.isNotFound()) {
                  return null;
                }
                throw e;
              }
            },
            fileUrlTtl,
            clock);
    return new Account(client, files);
  }
}
