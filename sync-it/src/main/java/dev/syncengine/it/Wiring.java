package dev.syncengine.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.webflow.RateLimiterRegistry;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How the scenarios build what a host builds: a pool, the JDBC stores, a Webflow sink against a
 * sped-up simulator (rate windows of one second instead of one minute), an engine. Stateless.
 */
public final class Wiring {
  /** The Webflow simulator's and the sink's rate window: a minute compressed into a second. */
  public static final Duration RATE_WINDOW = Duration.ofSeconds(1);

  public static final int RATE_LIMIT = 60;
  public static final String MARKER_FIELD = "source-id";

  private Wiring() {}

  /** A small pool that gives up on an unreachable database after one second. */
  public static HikariDataSource pool(String jdbcUrl, int size) {
    return pool(jdbcUrl, size, 30);
  }

  /**
   * A small pool that gives up on an unreachable database after one second and on a silent
   * connection after {@code socketTimeoutSeconds}.
   */
  public static HikariDataSource pool(String jdbcUrl, int size, int socketTimeoutSeconds) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(1000);
    c.setValidationTimeout(500);
    c.setInitializationFailTimeout(-1);
    c.addDataSourceProperty("connectTimeout", "2");
    c.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
    return new HikariDataSource(c);
  }

  /**
   * Waits until the pool hands out a connection: a process started while the machine is busy may
   * need more than the pool's one second for its first one, and should not die of it.
   *
   * @throws java.sql.SQLException the last failure, when none came within {@code patience}
   */
  public static void awaitDatabase(HikariDataSource ds, java.time.Duration patience)
      throws java.sql.SQLException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try (java.sql.Connection c = ds.getConnection()) {
        return;
      } catch (java.sql.SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** The environment variable a worker process reads its credentials key from. */
  public static final String KEY_VARIABLE = "SYNC_IT_SECRET_KEY";

  /** JDBC stores whose credentials are sealed with {@code base64Key} (AES-256-GCM). */
  public static JdbcStores jdbcStores(DataSource ds, String base64Key) {
    SecretBox box = SecretBox.builder().key("k1", base64Key).current("k1").build();
    return JdbcStores.create(ds, JdbcStoreOptions.builder().secretBox(box).build());
  }

  public static Stores stores(JdbcStores jdbc) {
    return jdbc.stores();
  }

  /** A sink with its own rate limiters, as a separate process would have. */
  public static WebflowSink sink(String baseUrl, RateLimiterRegistry limiters) {
    return WebflowSink.builder()
        .client(
            c ->
                c.baseUrl(baseUrl)
                    .rateLimitPerMinute(RATE_LIMIT)
                    .rateLimitWindow(RATE_WINDOW)
                    .rateLimiters(limiters)
                    .retryDelay(Duration.ofMillis(50))
                    .connectTimeout(Duration.ofSeconds(2))
                    .readTimeout(Duration.ofSeconds(5)))
        .build();
  }

  /** Fast workers: short polls and a short lease so a crashed worker's jobs come back soon. */
  public static WorkerSettings workers(int concurrency) {
    return new WorkerSettings(
        concurrency, 100, Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  public static SyncEngine engine(
      Stores stores, SourceAdapter source, SinkAdapter sink, String owner, WorkerSettings ws) {
    return SyncEngine.builder()
        .stores(stores)
        .source(source)
        .sink(sink)
        .mappingCompiler(CopyMapping.compiler())
        .owner(owner)
        .configCacheTtl(Duration.ZERO)
        .workers(ws)
        .build();
  }

  /** A push-source connection to a Webflow collection, ownership decided by a record-id field. */
  public static ConnectionConfig pushConnection(
      String id, String siteId, String collectionId, String webflowToken, String hookToken) {
    return ConnectionConfig.builder(id)
        .name("Products")
        .source(new ResourceRef(PushSource.TYPE, "app", "products"))
        .target(new ResourceRef(WebflowSink.TYPE, siteId, collectionId))
        .option(WebflowSink.OPTION_RECORD_ID_FIELD, MARKER_FIELD)
        .retry(new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 6))
        .credentials(
            Credentials.of(
                Map.of(
                    WebflowCredentials.TOKEN, webflowToken, Credentials.WEBHOOK_TOKEN, hookToken)))
        .build();
  }
}
