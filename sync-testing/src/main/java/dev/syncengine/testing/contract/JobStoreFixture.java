package dev.syncengine.testing.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The state every job store contract test starts from: an empty store on a {@link TestClock} at
 * {@link #T0}, and helpers to make and enqueue changes. Extend {@link JobStoreContract} to run
 * every job store contract.
 */
public abstract class JobStoreFixture {
  protected static final Instant T0 = Instant.parse("2025-03-30T01:30:00Z");
  protected static final String CONN = "conn-a";
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected TestClock clock;
  protected JobStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract JobStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(T0);
    store = createStore(clock);
  }

  protected ChangeEvent event(String connectionId, String recordId, int version, String key) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("v", version);
    return new ChangeEvent(
        connectionId,
        recordId,
        ChangeKind.UPSERT,
        T0.plusSeconds(version),
        payload,
        key,
        clock.instant());
  }

  protected ChangeEvent event(String recordId, int version) {
    return event(CONN, recordId, version, null);
  }

  protected long enqueueOne(ChangeEvent e) {
    return store.enqueue(List.of(e)).get(0).jobId();
  }

  protected Job job(long id) {
    return store.find(id).orElseThrow();
  }
}
