package dev.syncengine.smartsuite;

import static dev.syncengine.smartsuite.SimFixture.CATEGORIES;
import static dev.syncengine.smartsuite.SimFixture.PRODUCTS;
import static dev.syncengine.smartsuite.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.testing.TestClock;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SmartSuiteSource#open}: sessions derive their client from the source's settings with the
 * connection's key; the key's schema and file-URL caches outlive sessions and serve every
 * connection of the key; the key's rate limiter (5 requests/s per API key, smartsuite-api.md "Rate
 * limits") is shared by all its sessions.
 */
class SmartSuiteSessionTest {
  private SmartSuiteSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private void start(SmartSuiteSimulator.Builder b) {
    sim = b.apiKey("session-key-0123456789").accountId("acc1").start();
    SimFixture.createTables(sim);
  }

  private ConnectionConfig connection(String id, String table) {
    ConnectionConfig c = SimFixture.connection(id, sim, IngestionMode.POLLING, "t");
    return c.toBuilder().source(new ResourceRef("smartsuite", SimFixture.SOLUTION, table)).build();
  }

  private long calls(String pathPart) {
    return sim.requests().stream().filter(r -> r.path().contains(pathPart)).count();
  }

  @Test
  void openingMakesNoCallAndAMissingKeyFailsOnlyTheCallsThatNeedIt() {
    start(SmartSuiteSimulator.builder());
    SmartSuiteSource source = SimFixture.source(sim);
    ConnectionConfig keyless =
        connection("a", PRODUCTS).toBuilder().credentials(Credentials.empty()).build();

    SourceSession s = source.open(keyless);
    assertThat(s.catchUp(Instant.now())).isEmpty();
    assertThat(s.maintain()).isEmpty();
    assertThatThrownBy(s::schema)
        .isInstanceOfSatisfying(
            MissingCredentialException.class,
            e -> assertThat(e.credential()).isEqualTo(SmartSuiteCredentials.API_KEY));
    s.close();
    assertThat(sim.requests()).isEmpty();
  }

  @Test
  void theKeysSchemaCacheOutlivesSessionsAndServesEveryConnectionOfTheKey() {
    start(SmartSuiteSimulator.builder());
    SmartSuiteSource source = SimFixture.source(sim);

    SourceSession first = source.open(connection("a", PRODUCTS));
    assertThat(first.schema().fields()).isNotEmpty();
    first.close();
    source.open(connection("a", PRODUCTS)).schema();
    source.open(connection("b", PRODUCTS)).schema();
    assertThat(calls("/applications/" + PRODUCTS + "/")).isEqualTo(1);

    SimFixture.source(sim).open(connection("a", PRODUCTS)).schema();
    assertThat(calls("/applications/" + PRODUCTS + "/"))
        .as("another source keeps caches of its own")
        .isEqualTo(2);
  }

  @Test
  void theKeysFileUrlCacheServesTheSessionsOfEveryConnection() {
    start(SmartSuiteSimulator.builder());
    SmartSuiteSource source = SimFixture.source(sim);
    sim.putSharedFile("h1", "https://cdn.example.com/h1.jpg");
    String id =
        sim.createRecord(
                PRODUCTS,
                json("{\"title\":\"Mug\",\"s_imgs\":[{\"handle\":\"h1\",\"metadata\":{}}]}"))
            .path("id")
            .asText();
    var payload = sim.record(PRODUCTS, id).orElseThrow();
    var change =
        new PendingChange(
            id, Instant.parse(payload.path("last_updated").path("on").asText()), payload);

    var viaA = source.open(connection("a", PRODUCTS)).resolve(List.of(change));
    var viaB = source.open(connection("b", PRODUCTS)).resolve(List.of(change));

    assertThat(viaA.get(id).values().get("s_imgs").get(0).path("url").asText())
        .isEqualTo("https://cdn.example.com/h1.jpg");
    assertThat(viaB.get(id).values()).isEqualTo(viaA.get(id).values());
    assertThat(calls("/shared-files/h1/url/")).isEqualTo(1);
  }

  @Test
  void sessionsOfOneKeyShareItsRateLimiter() {
    // On virtual time: the limiter's waits move the clock the simulator stamps requests by.
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    start(SmartSuiteSimulator.builder().clock(clock));
    SmartSuiteSource source =
        SmartSuiteSource.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .webhooksUrl(sim.webhooksUrl())
                        .requestsPerSecond(1)
                        .ticker(ticker))
            .build();

    Instant start = clock.instant();
    source.open(connection("a", PRODUCTS)).schema();
    source.open(connection("b", CATEGORIES)).schema();
    source.open(connection("c", PRODUCTS)).list(null, 10, null);

    assertThat(Duration.between(start, clock.instant()))
        .as("three requests of one key at 1/s, from three sessions")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(sim.maxRequestsInAnyWindow(Duration.ofMillis(999))).isEqualTo(1);
  }
}
