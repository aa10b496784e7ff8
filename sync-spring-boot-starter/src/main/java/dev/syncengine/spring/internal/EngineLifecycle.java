package dev.syncengine.spring.internal;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.store.jdbc.JobSubscription;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine's workers with the application context and stops them gracefully before the web
 * server and the DataSource go away. On JDBC stores it also subscribes to enqueue notifications so
 * idle workers wake at once.
 */
public final class EngineLifecycle implements SmartLifecycle {
  private final SyncEngine engine;
  private final JdbcStores jdbc;
  private final boolean workers;
  private volatile boolean running;
  private JobSubscription subscription;

  public EngineLifecycle(SyncEngine engine, JdbcStores jdbc, boolean workers) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.workers = workers;
  }

  @Override
  public synchronized void start() {
    if (workers) {
      if (jdbc != null) {
        subscription = jdbc.listen(engine::wakeUp);
      }
      engine.start();
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    engine.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Late start, early stop: after the DataSource, before the web server shuts down. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }
}
