package dev.syncengine.store.jdbc.internal;

import java.util.concurrent.CopyOnWriteArrayList;

/** In-process enqueue wake-ups for databases without a notification channel. Thread-safe. */
public final class LocalSignal {
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  public AutoCloseable subscribe(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Runs every listener on the caller's thread; a throwing listener does not stop the others. */
  public void fire() {
    for (Runnable r : listeners) {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // a listener's failure must never fail the enqueue that already committed
      }
    }
  }
}
