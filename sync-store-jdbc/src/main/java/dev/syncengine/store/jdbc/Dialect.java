package dev.syncengine.store.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL flavours the JDBC stores speak. Detected from the connection's metadata by {@link
 * JdbcStores#create}; each has its own migration scripts (see {@link Migrations}).
 */
public enum Dialect {
  /** PostgreSQL 12 or newer: {@code SKIP LOCKED} claims, {@code LISTEN/NOTIFY} wake-ups. */
  POSTGRESQL("postgresql"),
  /** H2 2.x, the embedded default (file mode for durability). */
  H2("h2"),
  /** MariaDB 10.6+ or MySQL 8 (InnoDB). */
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The folder under {@link Migrations#ROOT} holding this dialect's scripts. */
  public String folder() {
    return folder;
  }

  /**
   * Detects the dialect of a live connection.
   *
   * @throws IllegalArgumentException for a database that is not supported
   * @throws SQLException when the metadata cannot be read
   */
  public static Dialect detect(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalArgumentException(
        "unsupported database: " + metaData.getDatabaseProductName());
  }
}
