package dev.syncengine.store.jdbc;

import dev.syncengine.testing.db.MariaDbDatabase;
import dev.syncengine.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbQueueConcurrencyTest extends QueueConcurrencySuite {
  @RegisterExtension static final MariaDbDatabase DB = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DB;
  }
}
