package dev.syncengine.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.testing.Await;
import dev.syncengine.webflow.WebflowCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter's meters for failures, through the real engine and adapters: refused pings, failed
 * webhook registrations, upstream errors and dead letters each count exactly, tagged by connection
 * and reason or code. SmartSuite and Webflow point at a closed port, so every call fails.
 */
class FailureMetersTest {
  static final String DEAD_URL = "http://127.0.0.1:9/";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(SyncAutoConfigurationTest.ALL)
          .withUserConfiguration(SyncAutoConfigurationTest.Meters.class)
          .withPropertyValues(
              "sync.demo=true",
              "sync.public-url=https://sync.example.com",
              "sync.smartsuite.base-url=" + DEAD_URL,
              "sync.smartsuite.webhooks-url=" + DEAD_URL,
              "sync.webflow.base-url=" + DEAD_URL,
              "sync.smartsuite.connect-timeout=1s",
              "sync.webflow.connect-timeout=1s",
              "sync.worker.poll-interval=100ms");

  private static ConnectionConfig connection(String id) {
    return ConnectionConfig.builder(id)
        .source(new ResourceRef("smartsuite", "sol1", "tbl1"))
        .target(new ResourceRef("webflow", "site1", "col1"))
        .ingestionMode(IngestionMode.NATIVE_WEBHOOK)
        .retry(new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(10), 1))
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, "ss-key-0123456789",
                    SmartSuiteCredentials.ACCOUNT_ID, "acc1",
                    WebflowCredentials.TOKEN, "wf-token-0123456789",
                    Credentials.WEBHOOK_TOKEN, "hook-token-0123456789")))
        .build();
  }

  private static double count(MeterRegistry registry, String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void refusedPingsFailedRegistrationsUpstreamErrorsAndDeadLettersAreCounted() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          SyncEngine engine = ctx.getBean(SyncEngine.class);
          MeterRegistry registry = ctx.getBean(MeterRegistry.class);
          engine.admin().create(connection("products"));

          // A ping with the right URL token for a connection whose webhook is not registered.
          IngestRequest ping =
              IngestRequest.builder("{\"webhookId\":\"wh1\"}".getBytes(StandardCharsets.UTF_8))
                  .contentType("application/json")
                  .pathToken("hook-token-0123456789")
                  .build();
          for (int i = 0; i < 7; i++) {
            assertThat(engine.ingest("products", ping))
                .isInstanceOf(IngestResult.Unauthorized.class);
          }
          assertThat(
                  count(
                      registry,
                      "sync.rejected",
                      "connection",
                      "products",
                      "reason",
                      "no_webhook_registered_for_this_connection"))
              .isEqualTo(7);

          // Registration: SmartSuite cannot be reached.
          assertThatThrownBy(() -> engine.admin().registerWebhook("products")).isNotNull();
          assertThat(registry.find("sync.webhook.registration.failed").counters())
              .singleElement()
              .satisfies(
                  c -> {
                    assertThat(c.getId().getTag("connection")).isEqualTo("products");
                    assertThat(c.getId().getTag("code")).startsWith("smartsuite_");
                    assertThat(c.count()).isEqualTo(1);
                  });

          // A change whose record cannot be fetched: an upstream error, then dead letter (one
          // attempt allowed).
          engine.enqueue(
              List.of(
                  new ChangeEvent(
                      "products",
                      "rec1",
                      ChangeKind.UPSERT,
                      Instant.now(),
                      null,
                      "evt-1",
                      Instant.now())));
          Await.until(
              Duration.ofSeconds(30),
              () -> "a sync.failed counter",
              () -> registry.find("sync.failed").counter() != null);
          assertThat(registry.find("sync.upstream.errors").tag("connection", "products").counters())
              .isNotEmpty()
              .allSatisfy(c -> assertThat(c.getId().getTag("operation")).isIn("fetch", "write"));
          assertThat(registry.find("sync.failed").tag("connection", "products").counter().count())
              .isEqualTo(1);
        });
  }
}
