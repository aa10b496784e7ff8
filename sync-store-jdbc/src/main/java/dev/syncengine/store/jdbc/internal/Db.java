package dev.syncengine.store.jdbc.internal;

import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs store work against the database: one transaction per call, failures translated into the
 * SPI's exceptions. Thread-safe.
 */
public final class Db {
  private static final int MAX_CONFLICT_RETRIES = 5;

  private final Jdbi jdbi;
  private final SqlDialect dialect;
  private final Clock clock;

  public Db(Jdbi jdbi, SqlDialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<R> {
    R run(Handle handle);
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public long nowMicros() {
    return Micros.of(clock.instant());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs {@code work} in a transaction. */
  public <R> R tx(Work<R> work) {
    try {
      return run(work);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * Runs {@code work} in a transaction, again from the start when it lost a race (a concurrent
   * insert of the same key, a deadlock). Only for work that reads everything it decides on inside
   * the transaction.
   */
  public <R> R txRetrying(Work<R> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return run(work);
      } catch (RuntimeException e) {
        boolean conflict = SqlErrors.isUniqueViolation(e) || SqlErrors.isRetryableConflict(e);
        if (!conflict || attempt >= MAX_CONFLICT_RETRIES || SqlErrors.isUnavailable(e)) {
          throw SqlErrors.translate(e);
        }
      }
    }
  }

  private <R> R run(Work<R> work) {
    if (dialect.readCommitted()) {
      // InnoDB's default REPEATABLE READ takes gap locks that deadlock concurrent claims and
      // inserts
      return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work::run);
    }
    return jdbi.inTransaction(work::run);
  }
}
