package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebflowSink#open}: one client per session, derived from the sink's settings with the
 * connection's token; sessions of one token share its rate limiter (Webflow counts per token,
 * webflow-api.md "Rate limits and errors": "Per API key"), sessions of another token do not.
 */
class WebflowSessionTest {
  private static final String TOKEN = "session-test-token-0123456789";
  private static final String OTHER_TOKEN = "session-test-other-token-98765";
  private WebflowSimulator sim;
  private String site;
  private String products;
  private String posts;

  @BeforeEach
  void start() {
    // no rate limit at the simulator: no X-RateLimit headers, so the client spaces evenly
    sim =
        WebflowSimulator.builder()
            .rateLimit(0, Duration.ofSeconds(1))
            .tokens(TOKEN, OTHER_TOKEN)
            .recordRequests(true)
            .start();
    site = sim.createSite("Shop");
    products =
        sim.createCollection(site, "Products", List.of(SimField.optional("price", "Number")));
    posts = sim.createCollection(site, "Posts", List.of(SimField.optional("body", "PlainText")));
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

  /** One request a minute per token, so one request leaves the token's next slot a minute away. */
  private WebflowSink sink() {
    return WebflowSink.builder()
        .client(
            c ->
                c.baseUrl(sim.baseUrl())
                    .rateLimitPerMinute(1)
                    .rateLimiters(RateLimiterRegistry.create())
                    .readTimeout(Duration.ofSeconds(5)))
        .build();
  }

  private ConnectionConfig connection(String id, String collection, String token) {
    Credentials creds =
        token == null
            ? Credentials.empty()
            : Credentials.empty().with(WebflowCredentials.TOKEN, token);
    return ConnectionConfig.builder(id)
        .source(new ResourceRef("smartsuite", "sol", "tbl-" + id))
        // no site id: a schema read is then one request (the site's locales are read only for a
        // target that names its site), so one read leaves the token's next slot a minute away
        .target(new ResourceRef("webflow", null, collection))
        .credentials(creds)
        .build();
  }

  @Test
  void sessionsOfOneTokenShareItsRateLimiterAndAnotherTokenHasItsOwn() {
    WebflowSink sink = sink();
    SinkSession a = sink.open(connection("a", products, TOKEN));
    SinkSession b = sink.open(connection("b", posts, TOKEN));
    SinkSession other = sink.open(connection("c", posts, OTHER_TOKEN));
    assertThat(b.untilNextWrite()).isZero();

    assertThat(a.schema().fields()).extracting(f -> f.slug()).contains("price");

    assertThat(b.untilNextWrite()).isGreaterThan(Duration.ofSeconds(30));
    assertThat(sink.open(connection("a", products, TOKEN)).untilNextWrite())
        .isGreaterThan(Duration.ofSeconds(30));
    assertThat(other.untilNextWrite()).isZero();
  }

  @Test
  void openingASessionMakesNoCall() {
    WebflowSink sink = sink();
    sink.open(connection("a", products, TOKEN));
    sink.open(connection("b", posts, null));
    assertThat(sim.recordedRequests()).isEmpty();
  }

  @Test
  void aSessionWithoutATokenFailsItsCallsNamingTheCredentialAndNeverWaits() {
    SinkSession s = sink().open(connection("a", products, null));
    assertThat(s.untilNextWrite()).isZero();
    List<WriteOp> ops = List.of(new WriteOp.Delete("r1", null));
    assertThatThrownBy(() -> s.write(ops, CreateIntents.NONE))
        .isInstanceOfSatisfying(
            SyncException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(MissingCredentialException.ERROR_CODE);
              assertThat(e.error().field()).isEqualTo(WebflowCredentials.TOKEN);
              assertThat(e.error().retryable()).isFalse();
            });
    assertThatThrownBy(s::schema).isInstanceOf(SyncException.class);
    assertThat(sim.recordedRequests()).isEmpty();
  }

  @Test
  void aClosedSessionsSuccessorWorksAndCloseMakesNoCall() {
    WebflowSink sink = sink();
    SinkSession first = sink.open(connection("a", products, TOKEN));
    first.close();
    first.close();
    assertThat(sim.recordedRequests()).isEmpty();
    assertThat(sink.open(connection("a", products, TOKEN)).schema().fields()).isNotEmpty();
  }

  @Test
  void badClientSettingsFailWhenTheSinkIsBuilt() {
    assertThatThrownBy(() -> WebflowSink.builder().client(c -> c.baseUrl("not a url")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http(s) URL");
  }
}
