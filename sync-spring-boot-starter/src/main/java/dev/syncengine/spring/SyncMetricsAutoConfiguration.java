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
 * {@code sync.queue.lag}, and per Webflow call {@code sync.webflow.calls} (method, status) and
 * {@code sync.webflow.throttled} (429 answers).
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
  dev.syncengine.spring.internal.WebflowMetricsInterceptor syncWebflowMetrics(
      MeterRegistry registry) {
    return new dev.syncengine.spring.internal.WebflowMetricsInterceptor(registry);
  }

  @Bean
  @ConditionalOnMissingBean
  MicrometerSyncListener syncMicrometerListener(
      MeterRegistry registry, ObjectProvider<SyncEngine> engine) {
    // The engine takes this listener at construction: read its stores only when a gauge is read.
    return new MicrometerSyncListener(registry, () -> engine.getObject().inspect());
  }
}
