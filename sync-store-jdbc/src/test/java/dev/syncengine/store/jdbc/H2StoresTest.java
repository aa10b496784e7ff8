package dev.syncengine.store.jdbc;

import dev.syncengine.testing.db.H2Database;
import dev.syncengine.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2StoresTest extends JdbcContractSuite {
  @RegisterExtension static final H2Database DB = new H2Database();

  @Override
  TestDatabase database() {
    return DB;
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.H2;
  }
}
