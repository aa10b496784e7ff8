package dev.syncengine.store.jdbc.internal;

import dev.syncengine.store.jdbc.JdbcStoreException;
import dev.syncengine.store.jdbc.Migrations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Applies the bundled migrations that {@code sync_schema_version} does not list yet, under the
 * dialect's lock so that two instances starting together do not race.
 */
public final class Migrator {
  private final Db db;

  public Migrator(Db db) {
    this.db = db;
  }

  /** Returns the versions it applied. */
  public List<Integer> migrate(String databaseKey) {
    try {
      return db.jdbi().withHandle(h -> migrateOn(h, databaseKey));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  private List<Integer> migrateOn(Handle h, String databaseKey) {
    try (AutoCloseable lock = db.dialect().lockForMigration(h, databaseKey)) {
      h.execute(
          "CREATE TABLE IF NOT EXISTS sync_schema_version (version_no INT PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL, installed_at BIGINT NOT NULL)");
      Set<Integer> applied =
          new HashSet<>(
              h.createQuery("SELECT version_no FROM sync_schema_version")
                  .mapTo(Integer.class)
                  .list());
      List<Integer> done = new ArrayList<>();
      for (Migrations.Script s : Migrations.scripts(db.dialect().dialect())) {
        if (applied.contains(s.version())) {
          continue;
        }
        // PostgreSQL and H2 roll DDL back with the transaction; MariaDB commits each statement,
        // which is why its scripts stay small and the lock matters
        h.useTransaction(
            tx -> {
              for (String statement : statements(s.sql())) {
                tx.execute(statement);
              }
              tx.createUpdate(
                      "INSERT INTO sync_schema_version (version_no, description, installed_at)"
                          + " VALUES (:v, :d, :t)")
                  .bind("v", s.version())
                  .bind("d", s.description())
                  .bind("t", db.nowMicros())
                  .execute();
            });
        done.add(s.version());
      }
      return done;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JdbcStoreException("migration lock could not be released", e);
    }
  }

  /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String s = current.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
