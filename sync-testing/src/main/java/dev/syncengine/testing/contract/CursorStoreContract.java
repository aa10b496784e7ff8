package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link CursorStore} must show. */
public abstract class CursorStoreContract {
  protected TestClock clock;
  protected CursorStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract CursorStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(Instant.parse("2025-03-30T01:30:00Z"));
    store = createStore(clock);
  }

  @Test
  void storesReplacesAndDeletesNamedCursorsPerConnection() {
    assertThat(store.get("c1", "events")).isEmpty();

    store.put("c1", "events", "page-1");
    store.put("c1", "backfill", "offset-100");
    store.put("c2", "events", "other");
    store.put("c1", "events", "page-2");

    assertThat(store.get("c1", "events")).contains("page-2");
    assertThat(store.get("c1", "backfill")).contains("offset-100");
    assertThat(store.get("c2", "events")).contains("other");

    store.delete("c1", "events");
    assertThat(store.get("c1", "events")).isEmpty();
    assertThat(store.get("c2", "events")).contains("other");
  }

  @Test
  void keepsLongValuesIntact() {
    String token = "x".repeat(5000);

    store.put("c1", "events", token);

    assertThat(store.get("c1", "events")).contains(token);
  }
}
