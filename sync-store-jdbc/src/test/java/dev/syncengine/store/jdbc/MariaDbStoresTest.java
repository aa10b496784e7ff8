package dev.syncengine.store.jdbc;

import dev.syncengine.testing.db.MariaDbDatabase;
import dev.syncengine.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbStoresTest extends JdbcContractSuite {
  @RegisterExtension static final MariaDbDatabase DB = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DB;
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.MARIADB;
  }
}
