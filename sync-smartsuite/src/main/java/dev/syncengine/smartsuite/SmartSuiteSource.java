package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.smartsuite.internal.AccountCaches;
import dev.syncengine.smartsuite.internal.OnceWarnings;
import dev.syncengine.smartsuite.internal.RecordResolver;
import dev.syncengine.smartsuite.internal.TableSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SmartSuite {@link SourceAdapter} (type {@value #TYPE}). A connection's source is {@code
 * ResourceRef("smartsuite", solutionId, tableId)}; its credentials carry {@link
 * SmartSuiteCredentials#API_KEY}, {@link SmartSuiteCredentials#ACCOUNT_ID}, {@link
 * Credentials#WEBHOOK_TOKEN} (native webhooks) and {@link Credentials#SIGNING_SECRETS} (signed
 * push); the webhook id lives in the option {@value #OPTION_WEBHOOK_ID} as its sessions' {@code
 * subscribe} returns it.
 *
 * <pre>{@code
 * SmartSuiteSource source = SmartSuiteSource.builder().build();
 * engineBuilder.source(source);
 * }</pre>
 *
 * <p>Thread-safe. The client settings are applied once, in {@link Builder#build()}; each session
 * derives its client from them with the connection's key and workspace. Clients of one key share
 * its rate limit; schemas and file URLs are cached per key and workspace across sessions.
 */
public final class SmartSuiteSource implements SourceAdapter {
  public static final String TYPE = "smartsuite";
  public static final String OPTION_WEBHOOK_ID = "smartsuite.webhookId";
  public static final Duration DEFAULT_SCHEMA_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FILE_URL_TTL = Duration.ofMinutes(30);
  public static final int DEFAULT_EVENT_PAGE_SIZE = 100;
  public static final int DEFAULT_FETCH_BATCH_SIZE = 100;

  private static final Logger log = LoggerFactory.getLogger(SmartSuiteSource.class);
  private final ClientTemplate template;
  private final AccountCaches caches;
  private final TableSession.Shared shared;

  private SmartSuiteSource(Builder b, ClientTemplate template) {
    this.template = template;
    this.caches = new AccountCaches(b.schemaTtl, b.fileUrlTtl, b.clock);
    this.shared =
        new TableSession.Shared(
            this::account,
            new RecordResolver(b.fetchBatchSize, new OnceWarnings(log)),
            b.eventPageSize,
            b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The session for one connection: parses its deliveries and reads its table through a client
   * derived from this source's client settings with the connection's key and workspace (made on
   * first use; clients of one key share its 5 requests/s limiter), with the key's schema and
   * file-URL caches. Makes no call.
   */
  @Override
  public SourceSession open(ConnectionConfig connection) {
    return new TableSession(connection, shared);
  }

  /** A client for the connection's key and workspace, with the caches of that key. */
  private AccountCaches.Account account(ConnectionConfig connection) {
    Credentials c = connection.credentials();
    String key = c.require(SmartSuiteCredentials.API_KEY);
    String accountId = c.require(SmartSuiteCredentials.ACCOUNT_ID);
    return caches.account(template.client(key, accountId), key, accountId);
  }

  // ---- discovery ------------------------------------------------------------------------------

  /**
   * The solutions the draft's key can see: SmartSuite's solution list, or, where that endpoint is
   * not offered, the solutions named by the key's tables.
   */
  @Override
  public List<dev.syncengine.core.model.NamedRef> containers(ConnectionConfig draft) {
    SmartSuiteClient client = account(draft).client();
    try {
      return client.listSolutions().stream()
          .map(
              s ->
                  new dev.syncengine.core.model.NamedRef(
                      s.path("id").asText(), s.path("name").asText(s.path("id").asText())))
          .toList();
    } catch (SmartSuiteApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    java.util.Map<String, dev.syncengine.core.model.NamedRef> solutions = new java.util.TreeMap<>();
    for (ObjectNode t : client.listTables(null)) {
      String id = t.path("solution").asText("");
      if (!id.isEmpty()) {
        solutions.putIfAbsent(id, new dev.syncengine.core.model.NamedRef(id, id));
      }
    }
    return List.copyOf(solutions.values());
  }

  /** The tables of one solution. */
  @Override
  public List<dev.syncengine.core.model.NamedRef> collections(
      ConnectionConfig draft, String solutionId) {
    return account(draft).client().listTables(solutionId).stream()
        .map(
            t ->
                new dev.syncengine.core.model.NamedRef(
                    t.path("id").asText(), t.path("name").asText(t.path("id").asText())))
        .toList();
  }

  /** One authenticated call: listing the key's tables. */
  @Override
  public void verifyCredentials(ConnectionConfig draft) {
    account(draft).client().listTables(null);
  }

  /** Mutable, not thread-safe; {@link #build()} makes an immutable source. */
  public static final class Builder {
    private Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> clientSettings = b -> b;
    private Duration schemaTtl = DEFAULT_SCHEMA_TTL;
    private Duration fileUrlTtl = DEFAULT_FILE_URL_TTL;
    private int eventPageSize = DEFAULT_EVENT_PAGE_SIZE;
    private int fetchBatchSize = DEFAULT_FETCH_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Settings for every client this source creates (base URLs, timeouts, rate); key and account
     * come from each connection's credentials.
     *
     * <pre>{@code
     * .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()))
     * }</pre>
     */
    public Builder client(Function<SmartSuiteClient.Builder, SmartSuiteClient.Builder> settings) {
      this.clientSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder schemaTtl(Duration ttl) {
      this.schemaTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** How long a shared-file URL is reused when SmartSuite gives no expiry, default 30 min. */
    public Builder fileUrlTtl(Duration ttl) {
      this.fileUrlTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** Events per {@code ListEvents} call, 1–1000, default 100. */
    public Builder eventPageSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("eventPageSize must be 1-1000");
      }
      this.eventPageSize = size;
      return this;
    }

    /** Records per batch fetch, 1–1000, default 100. */
    public Builder fetchBatchSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("fetchBatchSize must be 1-1000");
      }
      this.fetchBatchSize = size;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the source; the client settings are applied once here, so a bad one fails now.
     *
     * @throws IllegalArgumentException for an invalid setting
     */
    public SmartSuiteSource build() {
      return new SmartSuiteSource(
          this, clientSettings.apply(SmartSuiteClient.builder()).template());
    }
  }
}
