package dev.syncengine.store.jdbc;

/**
 * A registration for enqueue wake-ups from {@link JdbcStores#listen(Runnable)}; closing it stops
 * the callbacks. Thread-safe; closing twice is harmless.
 */
public interface JobSubscription extends AutoCloseable {
  @Override
  void close();
}
