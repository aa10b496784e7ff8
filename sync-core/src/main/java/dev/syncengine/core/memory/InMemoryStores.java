package dev.syncengine.core.memory;

import dev.syncengine.core.spi.Stores;
import java.time.Clock;

/**
 * Creates a set of in-memory stores sharing a clock. Nothing survives a restart: for tests, demos
 * and hosts that accept that.
 *
 * <pre>{@code
 * Stores stores = InMemoryStores.create(Clock.systemUTC());
 * }</pre>
 */
public final class InMemoryStores {
  private InMemoryStores() {}

  public static Stores create(Clock clock) {
    return new Stores(
        new InMemoryJobStore(clock),
        new InMemoryConnectionStore(clock),
        new InMemoryIdMapStore(),
        new InMemoryCursorStore(),
        new InMemoryEventLogStore(),
        new InMemoryTargetChangeStore(clock));
  }
}
