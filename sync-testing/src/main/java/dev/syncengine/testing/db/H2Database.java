package dev.syncengine.testing.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh H2 file database per test class in a temporary folder (file mode, as SyncEngine runs it
 * embedded), deleted afterwards. Sessions use the time zone {@link #SESSION_TIME_ZONE}.
 */
public final class H2Database extends TestDatabase {
  private Path folder;

  @Override
  protected String create(String name) throws IOException {
    folder = Files.createTempDirectory(name);
    return "jdbc:h2:file:"
        + folder.resolve(name).toAbsolutePath()
        + ";TIME ZONE="
        + SESSION_TIME_ZONE;
  }

  @Override
  protected DataSource dataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  @Override
  protected void drop(String name) throws Exception {
    execute(jdbcUrl(), "SHUTDOWN");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
