package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.spring.internal.SyncHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator health contributor {@code sync}: store reachable, queue depth and lag, connections.
 */
@AutoConfiguration(after = SyncAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SyncEngine.class)
public class SyncHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "syncHealthIndicator")
  SyncHealthIndicator syncHealthIndicator(SyncEngine engine) {
    return new SyncHealthIndicator(engine);
  }
}
