package dev.syncengine.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Has PostgreSQL plan every statement of the store for its parameters and the tables as they are
 * now ({@code prepareThreshold=0} on the statement: the unnamed statement, planned at each
 * execution). Queue tables grow from nothing to millions of rows; a generic plan the server cached
 * while they were small (a sequential scan, a hash join over the whole table) would otherwise stay
 * in use on every pooled connection as they grow. The store's statements are few and each carries a
 * batch, so planning them again costs little. Only this statement is changed, never the host's
 * connection. Loaded only for PostgreSQL.
 */
final class PgCustomPlans implements StatementCustomizer {
  static final PgCustomPlans INSTANCE = new PgCustomPlans();

  private PgCustomPlans() {}

  @Override
  public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
    if (stmt.isWrapperFor(PGStatement.class)) {
      stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}
