package dev.syncengine.store.jdbc;

import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQueueConcurrencyTest extends QueueConcurrencySuite {
  @RegisterExtension static final PostgresDatabase DB = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DB;
  }
}
