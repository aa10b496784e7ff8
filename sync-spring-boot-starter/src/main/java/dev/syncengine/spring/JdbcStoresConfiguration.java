package dev.syncengine.spring;

import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.spring.internal.PropertyChecks;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * JDBC stores on the application's DataSource, credentials sealed with the configured keys.
 * Imported by {@link SyncAutoConfiguration}; deliberately not a {@code @Configuration}, so
 * component scans of this package do not pick it up ahead of the DataSource auto-configuration.
 */
@ConditionalOnBean(DataSource.class)
class JdbcStoresConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SecretBox syncSecretBox(SyncProperties properties) {
    SecretBox box = PropertyChecks.secretBox(properties);
    if (properties.isDemo() && properties.getEncryption().getKeys().isEmpty()) {
      LoggerFactory.getLogger(JdbcStoresConfiguration.class)
          .warn(
              "sync: demo mode with an ephemeral encryption key; stored credentials will not"
                  + " survive a restart");
    }
    return box;
  }

  @Bean
  @ConditionalOnMissingBean
  JdbcStores syncJdbcStores(
      DataSource dataSource, SecretBox box, SyncProperties properties, Clock syncClock) {
    JdbcStoreOptions options =
        JdbcStoreOptions.builder()
            .migrate(properties.getStore().isMigrations())
            .secretBox(box)
            .clock(syncClock)
            .build();
    try {
      return JdbcStores.create(dataSource, options);
    } catch (StoreUnavailableException e) {
      throw new SyncConfigurationException(
          "spring.datasource.url", "the database cannot be reached: " + e.getMessage());
    }
  }

  @Bean
  @ConditionalOnMissingBean
  Stores syncStores(JdbcStores jdbc) {
    return jdbc.stores();
  }
}
