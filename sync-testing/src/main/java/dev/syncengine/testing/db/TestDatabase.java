package dev.syncengine.testing.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for one test class: created before the first test, dropped after the last.
 * Register it on a static field so that tests running in parallel on one server never meet:
 *
 * <pre>{@code
 * @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
 * ... JdbcStores.create(db.dataSource()) ...
 * }</pre>
 *
 * <p>Not thread-safe during setup; {@link #dataSource()} may be shared by the test's threads.
 */
public abstract class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  /** The session time zone: UTC+12:45 (+13:45 in summer), so a time bug cannot hide. */
  public static final String SESSION_TIME_ZONE = "Pacific/Chatham";

  private static final SecureRandom RANDOM = new SecureRandom();

  private String name;
  private String jdbcUrl;
  private DataSource dataSource;

  /** A fresh name such as {@code sync_t_1a2b3c4d5e6f}. */
  protected static String newName() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "sync_t_" + HexFormat.of().formatHex(b);
  }

  /** Creates the database and returns its JDBC URL. */
  protected abstract String create(String name) throws Exception;

  /** A (non-pooled) data source for {@code url}. */
  protected abstract DataSource dataSource(String url) throws Exception;

  /** Drops the database. */
  protected abstract void drop(String name) throws Exception;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    name = newName();
    jdbcUrl = create(name);
    dataSource = dataSource(jdbcUrl);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (name != null) {
      drop(name);
    }
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** The JDBC URL of the test's database. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** A data source on the test's database; wrap it in a pool for load tests. */
  public DataSource dataSource() {
    if (dataSource == null) {
      throw new IllegalStateException("register the extension on a static field");
    }
    return dataSource;
  }

  static String env(String variable, String fallback) {
    String v = System.getenv(variable);
    return v == null || v.isBlank() ? fallback : v;
  }

  static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * Replaces the database in a URL of the form {@code jdbc:<kind>://host:port/<db>?params}, adding
   * {@code extra} parameters.
   */
  static String withDatabase(String url, String database, String extra) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    int query = url.indexOf('?');
    String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    String params = query < 0 ? "" : url.substring(query + 1);
    String all = params.isEmpty() ? extra : extra.isEmpty() ? params : params + "&" + extra;
    return base + "/" + database + (all.isEmpty() ? "" : "?" + all);
  }
}
