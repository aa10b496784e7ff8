package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.spring.internal.CompositeSyncListener;
import dev.syncengine.spring.internal.EngineLifecycle;
import dev.syncengine.spring.internal.PropertyChecks;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.webflow.WebflowSink;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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
@Import({JdbcStoresConfiguration.class, InMemoryStoresConfiguration.class})
public class SyncAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SyncAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(name = "syncClock")
  Clock syncClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  SmartSuiteSource syncSmartSuiteSource(SyncProperties properties, Clock syncClock) {
    PropertyChecks.checkCommon(properties);
    SyncProperties.SmartSuite s = properties.getSmartsuite();
    return SmartSuiteSource.builder()
        .client(
            b ->
                b.baseUrl(s.getBaseUrl())
                    .webhooksUrl(s.getWebhooksUrl())
                    .requestsPerSecond(s.getRequestsPerSecond())
                    .connectTimeout(s.getConnectTimeout())
                    .readTimeout(s.getReadTimeout()))
        .clock(syncClock)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  WebflowSink syncWebflowSink(
      SyncProperties properties,
      Clock syncClock,
      ObjectProvider<dev.syncengine.spring.internal.WebflowMetricsInterceptor> metrics) {
    PropertyChecks.checkCommon(properties);
    SyncProperties.Webflow w = properties.getWebflow();
    var interceptor = metrics.getIfAvailable();
    okhttp3.OkHttpClient metered =
        interceptor == null
            ? null
            : new okhttp3.OkHttpClient.Builder().addInterceptor(interceptor).build();
    return WebflowSink.builder()
        .client(
            c -> {
              c.baseUrl(w.getBaseUrl())
                  .rateLimitPerMinute(w.getRateLimitPerMinute())
                  .connectTimeout(w.getConnectTimeout())
                  .readTimeout(w.getReadTimeout())
                  .clock(syncClock);
              return metered == null ? c : c.okHttpClient(metered);
            })
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
