package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.spring.internal.CompositeSyncListener;
import dev.syncengine.spring.internal.EngineLifecycle;
import dev.syncengine.spring.internal.PropertyChecks;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.webflow.WebflowSink;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Wires the engine: stores (JDBC on the application's DataSource, or in memory with a warning), the
 * SmartSuite source, the Webflow sink, the mapping compiler, and the engine itself, started and
 * stopped with the context. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(
    prefix = "sync",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SyncProperties.class)
@Import({
  SyncAutoConfiguration.JdbcStoresConfiguration.class,
  SyncAutoConfiguration.InMemoryStoresConfiguration.class
})
public class SyncAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SyncAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(name = "syncClock")
  Clock syncClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  SecretBox syncSecretBox(SyncProperties properties) {
    PropertyChecks.checkCommon(properties);
    SecretBox box = PropertyChecks.secretBox(properties);
    if (properties.isDemo() && properties.getEncryption().getKeys().isEmpty()) {
      log.warn(
          "sync: demo mode with an ephemeral encryption key; stored credentials will not survive a restart");
    }
    return box;
  }

  /** JDBC stores on the application's DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  static class JdbcStoresConfiguration {
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
      return new Stores(
          jdbc.jobStore(),
          jdbc.connectionStore(),
          jdbc.idMapStore(),
          jdbc.cursorStore(),
          jdbc.eventLogStore());
    }
  }

  /** In-memory stores when there is no DataSource: nothing survives a restart. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DataSource.class)
  static class InMemoryStoresConfiguration {
    // Its own bean name: with the JDBC configuration's name, whichever registered first would win.
    @Bean
    @ConditionalOnMissingBean
    Stores syncInMemoryStores(Clock syncClock) {
      log.warn(
          "sync: no DataSource, using in-memory stores: queued changes, id maps and logs are lost on"
              + " restart. Add a DataSource (PostgreSQL in production) to make them durable.");
      return InMemoryStores.create(syncClock);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  SmartSuiteSource syncSmartSuiteSource(SyncProperties properties, Clock syncClock) {
    SyncProperties.SmartSuite s = properties.getSmartsuite();
    return SmartSuiteSource.builder()
        .client(
            b ->
                b.baseUrl(s.getBaseUrl())
                    .webhooksUrl(s.getWebhooksUrl())
                    .requestsPerSecond(s.getRequestsPerSecond()))
        .clock(syncClock)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  WebflowSink syncWebflowSink(SyncProperties properties, Clock syncClock) {
    SyncProperties.Webflow w = properties.getWebflow();
    return WebflowSink.builder()
        .baseUrl(w.getBaseUrl())
        .rateLimitPerMinute(w.getRateLimitPerMinute())
        .clock(syncClock)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  MappingCompiler syncMappingCompiler() {
    return DefaultMappingCompiler.ofDefaults();
  }

  @Bean
  @ConditionalOnMissingBean
  SyncEngine syncEngine(
      SyncProperties properties,
      Stores stores,
      List<SourceAdapter> sources,
      List<SinkAdapter> sinks,
      MappingCompiler compiler,
      Clock syncClock,
      ObjectProvider<SyncListener> listeners,
      ObjectProvider<SyncEngineCustomizer> customizers,
      Environment environment) {
    PropertyChecks.checkCommon(properties);
    SyncEngine.Builder b =
        SyncEngine.builder()
            .stores(stores)
            .mappingCompiler(compiler)
            .clock(syncClock)
            .workers(PropertyChecks.workers(properties))
            .maintenanceInterval(properties.getWorker().getMaintenanceInterval())
            .retention(
                properties.getRetention().getDoneJobs(), properties.getRetention().getEventLog())
            .listener(new CompositeSyncListener(listeners.orderedStream().toList()));
    sources.forEach(b::source);
    sinks.forEach(b::sink);
    Supplier<String> hooksBase = hooksBase(properties, environment);
    if (hooksBase != null) {
      b.webhookUrl(c -> hooksBase.get() + c.id() + "/" + webhookToken(c));
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * Where webhook URLs start: {@code sync.public-url} plus the base path; in demo mode without a
   * public URL, this server on localhost, read when a webhook is registered because the port is
   * only known once the server listens (it may be random).
   */
  static Supplier<String> hooksBase(SyncProperties properties, Environment environment) {
    String suffix = properties.getBasePath() + "/hooks/";
    String publicUrl = properties.getPublicUrl();
    if (publicUrl != null && !publicUrl.isBlank()) {
      String base = stripSlash(publicUrl) + suffix;
      return () -> base;
    }
    if (!properties.isDemo()) {
      return null;
    }
    return () -> {
      String port = environment.getProperty("local.server.port");
      if (port == null) {
        throw new SyncConfigurationException(
            "sync.public-url", "not set, and the local server port is not known yet");
      }
      return "http://localhost:" + port + suffix;
    };
  }

  private static String webhookToken(ConnectionConfig c) {
    return c.credentials().get(Credentials.WEBHOOK_TOKEN).orElse("");
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Bean
  @ConditionalOnMissingBean
  EngineLifecycle syncEngineLifecycle(
      SyncEngine engine, ObjectProvider<JdbcStores> jdbc, SyncProperties properties) {
    return new EngineLifecycle(engine, jdbc.getIfAvailable(), properties.getWorker().isEnabled());
  }
}
