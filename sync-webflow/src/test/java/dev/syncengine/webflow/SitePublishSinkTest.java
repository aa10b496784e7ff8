package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink publishes the site after a write that changed items, when the connection asks for it
 * ({@link WebflowSitePublish}); the rate and the coalescing are {@code SitePublisherTest}'s, on
 * virtual time.
 */
class SitePublishSinkTest {
  private SinkOnSimulator on;

  @BeforeEach
  void setUp() {
    on = new SinkOnSimulator(List.of());
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      assertThat(on.openApiViolations()).isEmpty();
    } finally {
      on.close();
    }
  }

  private List<WriteResult> write(ConnectionConfig c, String name) {
    ObjectNode fd = Json.object().put("name", name).put("slug", "item-1");
    return on.calls.write(c, List.of(new WriteOp.Upsert("r1", fd, ItemAction.DEFAULT, null)));
  }

  @Test
  void aWriteThatChangedItemsPublishesTheSiteToItsCustomDomains() throws Exception {
    ConnectionConfig c =
        on.connection(
            Map.of(
                WebflowSitePublish.OPTION_PUBLISH_SITE, "true",
                WebflowSitePublish.OPTION_CUSTOM_DOMAINS, "d1, d2"));

    write(c, "Mug");

    Await.until(
        Duration.ofSeconds(10),
        () -> "one site publish, got " + on.sim.stats().count(SimOperation.PUBLISH_SITE),
        () -> on.sim.stats().count(SimOperation.PUBLISH_SITE) == 1);
    RecordedRequest publish =
        on.requests("POST").stream().filter(r -> r.path().endsWith("/publish")).findFirst().get();
    assertThat(publish.path()).isEqualTo("/v2/sites/" + on.site + "/publish");
    assertThat(SinkOnSimulator.body(publish).toString())
        .isEqualTo("{\"customDomains\":[\"d1\",\"d2\"],\"publishToWebflowSubdomain\":false}");
  }

  @Test
  void withoutTheOptionTheSiteIsNotPublished() {
    write(on.connection(Map.of()), "Mug");

    assertThat(WebflowSitePublish.of(on.connection(Map.of()))).isNull();
    assertThat(on.sim.stats().count(SimOperation.PUBLISH_SITE)).isZero();
  }

  @Test
  void theSubdomainIsTheDefaultWithoutCustomDomains() {
    WebflowSitePublish p =
        WebflowSitePublish.of(
            on.connection(Map.of(WebflowSitePublish.OPTION_PUBLISH_SITE, "true")));

    assertThat(p.customDomainIds()).isEmpty();
    assertThat(p.webflowSubdomain()).isTrue();
  }
}
