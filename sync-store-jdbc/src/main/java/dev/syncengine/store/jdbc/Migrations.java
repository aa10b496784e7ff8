package dev.syncengine.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The versioned SQL scripts that create and evolve the schema, shipped in this jar under {@value
 * #ROOT}{@code /<dialect>/V<n>__<description>.sql} (Flyway's naming). {@link JdbcStores} applies
 * them on start unless {@link JdbcStoreOptions.Builder#migrate(boolean)} is off; hosts with their
 * own migration tool point it at the same resources.
 *
 * <pre>{@code
 * for (Migrations.Script s : Migrations.scripts(Dialect.POSTGRESQL)) {
 *   myTool.apply(s.version(), s.sql());
 * }
 * }</pre>
 */
public final class Migrations {
  /** Classpath folder holding one subfolder per {@link Dialect#folder()}. */
  public static final String ROOT = "dev/syncengine/store/jdbc/migration";

  private static final List<String> FILES =
      List.of(
          "V1__sync_schema.sql",
          "V2__job_claim_tracking.sql",
          "V3__create_intents.sql",
          "V4__target_changes.sql",
          "V5__item_versions.sql");

  private Migrations() {}

  /** The scripts for {@code dialect}, oldest first. */
  public static List<Script> scripts(Dialect dialect) {
    return FILES.stream()
        .map(
            f -> {
              int sep = f.indexOf("__");
              int version = Integer.parseInt(f.substring(1, sep));
              String description = f.substring(sep + 2, f.length() - 4).replace('_', ' ');
              return new Script(version, description, ROOT + "/" + dialect.folder() + "/" + f);
            })
        .toList();
  }

  /**
   * One migration script.
   *
   * @param version applied in ascending order
   * @param description what it does
   * @param resource the classpath resource path
   */
  public record Script(int version, String description, String resource) {
    /** The script's SQL text. */
    public String sql() {
      try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing migration resource " + resource);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
