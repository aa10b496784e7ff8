package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.spring.internal.MicrometerSyncListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the engine when a {@link MeterRegistry} exists: {@code sync.ingested},
 * {@code sync.rejected}, {@code sync.claimed}, {@code sync.written}, {@code sync.retried}, {@code
 * sync.dead}, {@code sync.lag} (ingress → target write) and the gauges {@code sync.queue.depth} and
 * {@code sync.queue.lag}.
 */
@AutoConfiguration(
    before = SyncAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class SyncMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MicrometerSyncListener syncMicrometerListener(
      MeterRegistry registry, ObjectProvider<SyncEngine> engine) {
    // The engine is built with this listener, so it is looked up only when a gauge is read. Not
    // @Lazy: SyncEngine is final and cannot be proxied.
    return new MicrometerSyncListener(registry, () -> engine.getObject().stores());
  }
}
