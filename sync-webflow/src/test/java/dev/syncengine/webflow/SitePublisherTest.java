package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.testing.TestClock;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.SitePublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Site publishes on virtual time: the simulator refuses a second publish within a minute of its
 * clock (Webflow: "one successful publish queue per minute"), and the publisher, on the same clock,
 * coalesces requests so that it never sends one too early.
 */
class SitePublisherTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Duration> scheduled = new ArrayList<>();
  private WebflowSimulator sim;
  private String site;
  private WebflowClient client;
  private SitePublisher publisher;

  @BeforeEach
  void setUp() {
    sim =
        WebflowSimulator.builder()
            .rateLimit(0, Duration.ofMinutes(1))
            .clock(clock)
            .recordRequests(true)
            .start();
    site = sim.createSite("Shop");
    client =
        WebflowClient.builder()
            .baseUrl(sim.baseUrl())
            .token("publish-test-token")
            .rateLimitPerMinute(1_000_000)
            .rateLimiters(RateLimiterRegistry.create())
            .build();
    // The test runs what the scheduler was asked to run, after moving the clock itself.
    publisher =
        new SitePublisher(
            clock, WebflowSitePublish.MIN_INTERVAL, (task, delay) -> scheduled.add(delay));
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      List<String> violations = OpenApiContract.violations(sim.recordedRequests());
      assertThat(violations).isEmpty();
    } finally {
      sim.close();
    }
  }

  private void requestPublish() {
    publisher.request(site, () -> client.publishSite(site, List.of(), true));
  }

  private long publishes() {
    return sim.stats().count(SimOperation.PUBLISH_SITE);
  }

  private List<Integer> publishStatuses() {
    return sim.recordedRequests().stream()
        .filter(r -> r.path().endsWith("/publish"))
        .map(RecordedRequest::status)
        .toList();
  }

  @Test
  void requestsWithinAMinuteCoalesceIntoOnePublishWhenTheMinuteEnds() {
    requestPublish();
    publisher.runDue();
    assertThat(publishes()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      requestPublish();
      clock.advance(Duration.ofSeconds(5));
    }
    publisher.runDue();
    assertThat(publishes()).as("none before the minute ends").isEqualTo(1);
    assertThat(scheduled.get(scheduled.size() - 1)).isEqualTo(Duration.ofSeconds(50));

    clock.advance(Duration.ofSeconds(25)); // 60 s after the first publish
    publisher.runDue();
    publisher.runDue();

    assertThat(publishes()).as("five requests, one publish").isEqualTo(2);
    assertThat(publishStatuses()).containsOnly(202);
  }

  @Test
  void neverSendsMoreThanOnePublishAMinuteUnderSteadyRequests() {
    for (int second = 0; second < 300; second += 7) {
      requestPublish();
      publisher.runDue();
      clock.advance(Duration.ofSeconds(7));
    }
    publisher.runDue();

    // 301 s of requests every 7 s: at 0, 63, 126, 189, 252 s (each on the first run a minute on).
    assertThat(publishes()).isEqualTo(5);
    assertThat(publishStatuses()).containsOnly(202);
  }

  @Test
  void aPublishRefusedBecauseSomeoneElsePublishedIsSentOnceTheMinuteIsOver() {
    client.publishSite(site, List.of(), true); // a person publishing in the Designer, say
    clock.advance(Duration.ofSeconds(20));

    requestPublish();
    publisher.runDue();
    assertThat(publishStatuses()).containsExactly(202, 429);
    // The publish endpoint's own limit: not retried, and item writes of the token go on.
    assertThat(client.untilNextRequest()).isEqualTo(Duration.ZERO);

    clock.advance(Duration.ofSeconds(59));
    publisher.runDue();
    assertThat(publishStatuses()).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    publisher.runDue();

    assertThat(publishStatuses()).containsExactly(202, 429, 202);
  }
}
