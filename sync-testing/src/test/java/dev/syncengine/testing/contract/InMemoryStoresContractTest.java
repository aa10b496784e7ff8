package dev.syncengine.testing.contract;

import dev.syncengine.core.memory.InMemoryConnectionStore;
import dev.syncengine.core.memory.InMemoryCursorStore;
import dev.syncengine.core.memory.InMemoryEventLogStore;
import dev.syncengine.core.memory.InMemoryIdMapStore;
import dev.syncengine.core.memory.InMemoryJobStore;
import dev.syncengine.core.memory.InMemoryTargetChangeStore;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.TargetChangeStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The store contracts against the core's in-memory stores. */
class InMemoryStoresContractTest {

  @Nested
  class Jobs extends JobStoreContract {
    @Override
    protected JobStore createStore(Clock clock) {
      return new InMemoryJobStore(clock);
    }
  }

  @Nested
  class Connections extends ConnectionStoreContract {
    @Override
    protected ConnectionStore createStore(Clock clock) {
      return new InMemoryConnectionStore(clock);
    }
  }

  @Nested
  class IdMaps extends IdMapStoreContract {
    @Override
    protected IdMapStore createStore(Clock clock) {
      return new InMemoryIdMapStore();
    }
  }

  @Nested
  class Cursors extends CursorStoreContract {
    @Override
    protected CursorStore createStore(Clock clock) {
      return new InMemoryCursorStore();
    }
  }

  @Nested
  class EventLog extends EventLogStoreContract {
    @Override
    protected EventLogStore createStore(Clock clock) {
      return new InMemoryEventLogStore();
    }
  }

  @Nested
  class TargetChanges extends TargetChangeStoreContract {
    @Override
    protected TargetChangeStore createStore(Clock clock) {
      return new InMemoryTargetChangeStore(clock);
    }
  }
}
