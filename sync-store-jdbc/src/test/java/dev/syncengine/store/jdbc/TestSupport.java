package dev.syncengine.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;

/** Shared helpers of the JDBC store tests. */
final class TestSupport {
  static final String[] TABLES = {
    "sync_job",
    "sync_inbox",
    "sync_id_map",
    "sync_create_intent",
    "sync_target_change",
    "sync_cursor",
    "sync_event_log",
    "sync_mapping",
    "sync_connection"
  };

  /** Stands in for the core's AES-GCM box: reversible, and never the plaintext. */
  static final SecretCodec CODEC =
      SecretCodec.of(
          s ->
              "sealed:"
                  + Base64.getEncoder().encodeToString(reverse(s).getBytes(StandardCharsets.UTF_8)),
          s ->
              reverse(
                  new String(Base64.getDecoder().decode(s.substring(7)), StandardCharsets.UTF_8)));

  private TestSupport() {}

  static HikariDataSource pool(DataSource target, int size) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(target);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName("test-" + size);
    return new HikariDataSource(config);
  }

  static JdbcStoreOptions options(Clock clock) {
    return JdbcStoreOptions.builder().clock(clock).secretCodec(CODEC).migrate(false).build();
  }

  static void clean(DataSource ds) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String t : TABLES) {
        st.execute("DELETE FROM " + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
