package dev.syncengine.examples.app.demo;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.spring.SyncProperties;
import dev.syncengine.webflow.WebflowSink;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Demo mode ({@code sync.demo=true}, the default): in-process SmartSuite and Webflow simulators
 * stand in for the real services, the adapters point at them, the encryption key lives in the data
 * directory, and once the application is ready the demo connections are set up, backfilled and fed
 * a stream of edits. The starter's own beans (engine, stores, servlets, security) are used as is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sync", name = "demo", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

  @Bean(destroyMethod = "close")
  DemoSimulators demoSimulators(DemoProperties demo) {
    long start = System.nanoTime();
    DemoSimulators sims = DemoSimulators.start(demo.getProducts(), demo.getSeed());
    log.info(
        "demo: simulated SmartSuite at {} and Webflow at {}, seeded with {} products in {} ms",
        sims.smartSuite().baseUrl(),
        sims.webflow().baseUrl(),
        demo.getProducts(),
        (System.nanoTime() - start) / 1_000_000);
    return sims;
  }

  /** Kept in the data directory so stored credentials decrypt after a restart. */
  @Bean
  SecretBox syncSecretBox(DemoProperties demo) {
    return DemoKeyFile.load(Path.of(demo.getDataDir()));
  }

  /** The starter's SmartSuite source, pointed at the simulator. */
  @Bean
  SmartSuiteSource syncSmartSuiteSource(
      DemoSimulators sims, SyncProperties properties, Clock syncClock) {
    return SmartSuiteSource.builder()
        .client(
            b ->
                b.baseUrl(sims.smartSuite().baseUrl())
                    .webhooksUrl(sims.smartSuite().webhooksUrl())
                    .requestsPerSecond(properties.getSmartsuite().getRequestsPerSecond()))
        .clock(syncClock)
        .build();
  }

  /** The starter's Webflow sink, pointed at the simulator. */
  @Bean
  WebflowSink syncWebflowSink(DemoSimulators sims, SyncProperties properties, Clock syncClock) {
    return WebflowSink.builder()
        .client(
            c ->
                c.baseUrl(sims.webflow().baseUrl())
                    .rateLimitPerMinute(properties.getWebflow().getRateLimitPerMinute())
                    .clock(syncClock))
        .build();
  }

  @Bean(destroyMethod = "close")
  DemoEditGenerator demoEditGenerator(DemoSimulators sims, DemoProperties demo) {
    return new DemoEditGenerator(sims, demo.getEditInterval(), demo.getProducts() * 9 / 10);
  }

  @Bean
  DemoStarter demoStarter(
      SyncEngine engine, Stores stores, DemoSimulators sims, DemoEditGenerator edits) {
    return new DemoStarter(new DemoSeeder(engine, stores, sims), edits);
  }

  /** Sets the demo up once the web server listens (the webhooks point at it). */
  static final class DemoStarter {
    private final DemoSeeder seeder;
    private final DemoEditGenerator edits;

    DemoStarter(DemoSeeder seeder, DemoEditGenerator edits) {
      this.seeder = seeder;
      this.edits = edits;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
      seeder.setUp();
      Thread t =
          new Thread(
              () -> {
                try {
                  seeder.backfill();
                  edits.start();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  log.error("demo: backfill failed", e);
                }
              },
              "demo-backfill");
      t.setDaemon(true);
      t.start();
    }
  }
}
