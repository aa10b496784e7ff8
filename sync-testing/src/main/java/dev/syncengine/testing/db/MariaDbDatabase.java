package dev.syncengine.testing.db;

import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A fresh MariaDB/MySQL database per test class, on the server at {@code SYNC_TEST_MARIADB_URL}
 * (default {@value #DEFAULT_URL}). Sessions use a {@code +12:45} time zone offset (offsets need no
 * time zone tables on the server).
 */
public final class MariaDbDatabase extends TestDatabase {
  public static final String URL_VARIABLE = "SYNC_TEST_MARIADB_URL";
  public static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

  private String adminUrl;

  @Override
  protected String create(String name) throws Exception {
    adminUrl = env(URL_VARIABLE, DEFAULT_URL);
    execute(adminUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    return withDatabase(adminUrl, name, "sessionVariables=time_zone='+12:45'");
  }

  @Override
  protected DataSource dataSource(String url) throws Exception {
    return new MariaDbDataSource(url);
  }

  @Override
  protected void drop(String name) throws Exception {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
  }
}
