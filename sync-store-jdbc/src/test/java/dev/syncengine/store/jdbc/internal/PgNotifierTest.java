package dev.syncengine.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.store.jdbc.Dialect;
import dev.syncengine.testing.db.PostgresDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class PgNotifierTest {
  @RegisterExtension static final PostgresDatabase DB = new PostgresDatabase();

  private static int collect(PGConnection pg, Duration during) throws Exception {
    int n = 0;
    long deadline = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < deadline) {
      PGNotification[] got = pg.getNotifications(50);
      n += got == null ? 0 : got.length;
    }
    return n;
  }

  @Test
  void aBurstOfRequestsSendsAFewNotificationsAndALaterRequestIsNotLost() throws Exception {
    Db db =
        new Db(Jdbi.create(DB.dataSource()), SqlDialect.of(Dialect.POSTGRESQL), Clock.systemUTC());
    try (Connection listener = DB.dataSource().getConnection();
        PgNotifier notifier = new PgNotifier(db, Duration.ofMillis(200))) {
      try (Statement st = listener.createStatement()) {
        st.execute("LISTEN " + PostgresSqlDialect.CHANNEL);
      }
      PGConnection pg = listener.unwrap(PGConnection.class);

      for (int i = 0; i < 10_000; i++) {
        notifier.request(); // as 10,000 enqueues committing at once would
      }
      int burst = collect(pg, Duration.ofSeconds(1));
      assertThat(burst).isBetween(1, 3);

      notifier.request();
      assertThat(collect(pg, Duration.ofMillis(TimeUnit.SECONDS.toMillis(1))))
          .as("a request after the quiet interval")
          .isEqualTo(1);
    }
  }
}
