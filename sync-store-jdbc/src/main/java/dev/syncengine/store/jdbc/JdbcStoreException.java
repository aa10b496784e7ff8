package dev.syncengine.store.jdbc;

/**
 * A database error that retrying will not cure (bad schema, constraint the store did not expect,
 * SQL error). Connection problems surface as {@link
 * dev.syncengine.core.spi.StoreUnavailableException} instead.
 */
public class JdbcStoreException extends RuntimeException {
  public JdbcStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
