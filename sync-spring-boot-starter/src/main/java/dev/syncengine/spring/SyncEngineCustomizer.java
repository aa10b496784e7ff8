package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;

/**
 * Adjusts the engine builder for what properties cannot say (a custom adapter, a clock, worker
 * settings computed at runtime). Every customizer bean runs, in {@code @Order}, before {@code
 * build()}.
 *
 * <pre>{@code
 * @Bean
 * SyncEngineCustomizer airtable(AirtableSource source) {
 *   return builder -> builder.source(source);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SyncEngineCustomizer {
  void customize(SyncEngine.Builder builder);
}
