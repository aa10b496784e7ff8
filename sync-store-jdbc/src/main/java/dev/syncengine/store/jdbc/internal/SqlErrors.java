package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.store.jdbc.JdbcStoreException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/** Sorts database failures into "unavailable, retry later" and "a real error". */
public final class SqlErrors {
  /** PostgreSQL admin shutdown, crash shutdown, cannot connect now, too many connections. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** MariaDB too many connections, cannot connect, server gone away, lost connection. */
  private static final Set<Integer> MARIADB_UNAVAILABLE_CODES =
      Set.of(1040, 2002, 2003, 2006, 2013);

  /** Undefined column or table: PostgreSQL, then the SQL standard's (MariaDB, H2). */
  private static final Set<String> SCHEMA_BEHIND_STATES =
      Set.of("42703", "42P01", "42S22", "42S02");

  private SqlErrors() {}

  /** Translates anything a store call threw. */
  public static RuntimeException translate(RuntimeException e) {
    if (e instanceof StoreUnavailableException || e instanceof JdbcStoreException) {
      return e;
    }
    if (isUnavailable(e)) {
      return new StoreUnavailableException("database unavailable: " + summary(e), e);
    }
    if (!(e instanceof JdbiException)) {
      return e; // our own checks (IllegalStateException, ...) pass through unchanged
    }
    SQLException s = sqlException(e);
    if (s != null && SCHEMA_BEHIND_STATES.contains(s.getSQLState())) {
      // typically a host that runs the migrations itself has not run the newest one yet
      return new JdbcStoreException(
          "the database schema is behind this library ("
              + summary(e)
              + "): apply the bundled migrations (dev.syncengine.store.jdbc.Migrations), or let"
              + " JdbcStores apply them (JdbcStoreOptions migrate)",
          e);
    }
    return new JdbcStoreException("database error: " + summary(e), e);
  }

  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException
          || t instanceof SocketTimeoutException
          || t instanceof SocketException) {
        return true;
      }
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null
            && (state.startsWith("08")
                || UNAVAILABLE_STATES.contains(state)
                || MARIADB_UNAVAILABLE_CODES.contains(s.getErrorCode()))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A unique or primary key violation (a concurrent insert won the race). */
  public static boolean isUniqueViolation(Throwable e) {
    SQLException s = sqlException(e);
    return s != null && ("23505".equals(s.getSQLState()) || s.getErrorCode() == 1062);
  }

  /** Deadlock or serialization failure: the transaction may simply be run again. */
  public static boolean isRetryableConflict(Throwable e) {
    SQLException s = sqlException(e);
    return s != null
        && ("40001".equals(s.getSQLState())
            || "40P01".equals(s.getSQLState())
            || s.getErrorCode() == 1213
            || s.getErrorCode() == 1205);
  }

  private static SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  // SQL messages never carry our secrets (credentials are bound sealed), but they can be long
  private static String summary(Throwable e) {
    SQLException s = sqlException(e);
    if (s != null) {
      return "SQLState " + s.getSQLState() + ", code " + s.getErrorCode();
    }
    return e.getClass().getSimpleName();
  }
}
