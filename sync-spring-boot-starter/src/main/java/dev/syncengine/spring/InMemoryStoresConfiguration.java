package dev.syncengine.spring;

import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** In-memory stores when there is no DataSource: nothing survives a restart. */
@ConditionalOnMissingBean(DataSource.class)
class InMemoryStoresConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Stores syncStores(Clock syncClock) {
    LoggerFactory.getLogger(InMemoryStoresConfiguration.class)
        .warn(
            "sync: no DataSource, using in-memory stores: queued changes, id maps and logs are"
                + " lost on restart. Add a DataSource (PostgreSQL in production) to make them"
                + " durable.");
    return InMemoryStores.create(syncClock);
  }
}
