/**
 * The SyncEngine stores on JDBC: PostgreSQL (production), H2 (embedded default) and MariaDB/MySQL.
 * Start at {@link dev.syncengine.store.jdbc.JdbcStores}. Parameters and return values are non-null
 * unless documented otherwise.
 */
package dev.syncengine.store.jdbc;
