package dev.syncengine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.memory.InMemoryJobStore;
import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.spring.internal.MicrometerSyncListener;
import dev.syncengine.spring.internal.SyncHealthIndicator;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.webflow.WebflowSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SyncAutoConfigurationTest {
  static final String KEY = SecretBox.generateKey();
  static final AutoConfigurations ALL =
      AutoConfigurations.of(
          SyncAutoConfiguration.class,
          SyncServletAutoConfiguration.class,
          SyncMetricsAutoConfiguration.class,
          SyncHealthAutoConfiguration.class);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(ALL);

  @Configuration(proxyBeanMethods = false)
  static class H2DataSource {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:starter" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    static final WebflowSink SINK = WebflowSink.builder().build();

    @Bean
    Stores myStores() {
      return InMemoryStores.create(Clock.systemUTC());
    }

    @Bean
    WebflowSink mySink() {
      return SINK;
    }
  }

  @Test
  void withoutADataSourceTheStoresAreInMemory() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(SyncEngine.class);
          assertThat(ctx.getBean(Stores.class).jobs()).isInstanceOf(InMemoryJobStore.class);
          assertThat(ctx).doesNotHaveBean(JdbcStores.class);
        });
  }

  @Test
  void withADataSourceTheStoresAreJdbcAndCredentialsAreEncrypted() {
    runner
        .withUserConfiguration(H2DataSource.class)
        .withPropertyValues("sync.encryption.keys.k1=" + KEY)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(JdbcStores.class);
              assertThat(ctx.getBean(Stores.class).jobs().getClass().getName()).contains("jdbc");
              assertThat(ctx.getBean(SecretBox.class).currentKeyId()).isEqualTo("k1");
            });
  }

  @Test
  void aDataSourceWithoutAnEncryptionKeyFailsNamingTheProperty() {
    runner
        .withUserConfiguration(H2DataSource.class)
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(SyncConfigurationException.class)
                    .hasMessageContaining("sync.encryption.keys"));
  }

  @Test
  void demoModeNeedsNoKey() {
    runner
        .withUserConfiguration(H2DataSource.class)
        .withPropertyValues("sync.demo=true")
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(JdbcStores.class));
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    runner
        .withPropertyValues("sync.worker.concurrency=0")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.worker.concurrency")
                    .hasMessageContaining("was 0"));
    runner
        .withPropertyValues("sync.smartsuite.read-timeout=0s")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.smartsuite.read-timeout"));
    runner
        .withPropertyValues("sync.worker.linger=-1s")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.worker.linger"));
    runner
        .withPropertyValues("sync.webflow.base-url=not a url")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.webflow.base-url"));
    runner
        .withPropertyValues("sync.encryption.keys.k1=c2hvcnQ=")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.encryption.keys.k1")
                    .hasMessageNotContaining("c2hvcnQ="));
  }

  @Test
  void aFailedStartIsReportedNamingThePropertyAndHowToFixIt() {
    runner
        .withPropertyValues("sync.worker.concurrency=0")
        .run(
            ctx -> {
              org.springframework.boot.diagnostics.FailureAnalysis analysis =
                  new dev.syncengine.spring.internal.SyncConfigurationFailureAnalyzer()
                      .analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .isEqualTo("SyncEngine setting sync.worker.concurrency: must be 1-64, was 0");
              assertThat(analysis.getAction()).contains("'sync.worker.concurrency'");
            });
    assertThat(
            org.springframework.core.io.support.SpringFactoriesLoader.loadFactoryNames(
                org.springframework.boot.diagnostics.FailureAnalyzer.class,
                getClass().getClassLoader()))
        .as("registered for Spring Boot's startup failure report")
        .contains(dev.syncengine.spring.internal.SyncConfigurationFailureAnalyzer.class.getName());
  }

  @Test
  void syncEnabledFalseWiresNothing() {
    runner
        .withPropertyValues("sync.enabled=false")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .doesNotHaveBean(SyncEngine.class)
                    .doesNotHaveBean(Stores.class));
  }

  @Test
  void userSuppliedBeansWin() {
    runner
        .withUserConfiguration(UserBeans.class, H2DataSource.class)
        .withPropertyValues("sync.encryption.keys.k1=" + KEY)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Stores.class).jobs()).isInstanceOf(InMemoryJobStore.class);
              assertThat(ctx.getBean(WebflowSink.class)).isSameAs(UserBeans.SINK);
            });
  }

  @Test
  void metersExistOnlyWithAMeterRegistry() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(MicrometerSyncListener.class));
    runner
        .withUserConfiguration(Meters.class)
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(MicrometerSyncListener.class);
              MeterRegistry registry = ctx.getBean(MeterRegistry.class);
              assertThat(registry.find("sync.queue.depth").gauge()).isNotNull();
              assertThat(registry.find("sync.queue.depth").gauge().value()).isZero();
            });
  }

  @Test
  void healthContributorExistsOnlyWhenActuatorHealthIsPresent() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasSingleBean(SyncHealthIndicator.class);
          assertThat(ctx.getBean(SyncHealthIndicator.class).health().getStatus().getCode())
              .isEqualTo("UP");
        });
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SyncHealthIndicator.class));
  }

  @Test
  void servletsAreMountedOnlyInAServletWebApplication() {
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(SyncServlets.class));
    new WebApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues("sync.demo=true", "sync.base-path=/integrations")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(SyncServlets.class);
              assertThat(ctx.getBean(SyncServlets.class).basePath()).isEqualTo("/integrations");
            });
  }

  @Test
  void outsideDemoModeTheAdminPasswordHashIsRequired() {
    new WebApplicationContextRunner()
        .withConfiguration(ALL)
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sync.admin.password-hash"));
  }

  @Test
  void customizersAdjustTheEngineBuilder() {
    runner
        .withBean(
            "ownerCustomizer",
            SyncEngineCustomizer.class,
            () -> builder -> builder.owner("custom-owner"))
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(SyncEngine.class));
  }
}
