package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.WebflowSimulator;
import dev.syncengine.webflow.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A {@link WebflowSink} writing to a {@link WebflowSimulator} collection over real HTTP, and the
 * check that every request it sent conforms to Webflow's OpenAPI description.
 */
final class SinkOnSimulator implements AutoCloseable {
  static final String TOKEN = "media-test-token-0123456789";
  final WebflowSimulator sim;
  final String site;
  final String collection;
  final WebflowSink sink;

  /** Calls on {@link #sink} through a session of the connection named, as the engine makes them. */
  final SinkUnderTest calls;

  SinkOnSimulator(List<SimField> fields) {
    sim =
        WebflowSimulator.builder().rateLimit(0, Duration.ofSeconds(1)).recordRequests(true).start();
    site = sim.createSite("Shop");
    collection = sim.createCollection(site, "Products", fields);
    sink =
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(sim.baseUrl())
                        .rateLimitPerMinute(1_000_000)
                        .rateLimiters(RateLimiterRegistry.create())
                        .retryDelay(Duration.ofMillis(5))
                        .readTimeout(Duration.ofSeconds(5)))
            .build();
    calls = new SinkUnderTest(sink);
  }

  ConnectionConfig connection(Map<String, String> options) {
    return ConnectionConfig.builder("c1")
        .source(new ResourceRef("smartsuite", "sol", "tbl"))
        .target(new ResourceRef("webflow", site, collection))
        .publishMode(PublishMode.LIVE)
        .deleteMode(DeleteMode.DELETE)
        .options(options)
        .credentials(Credentials.empty().with(WebflowCredentials.TOKEN, TOKEN))
        .build();
  }

  /** The id mapping the engine would store after a successful write. */
  static IdMapping mapping(WriteResult r) {
    return new IdMapping(
        "c1",
        r.recordId(),
        r.itemId(),
        Instant.now(),
        r.fieldData(),
        null,
        r.itemState(),
        Instant.now());
  }

  /** Requests recorded so far with the given method, e.g. {@code PATCH}. */
  List<RecordedRequest> requests(String method) {
    return sim.recordedRequests().stream().filter(r -> r.method().equals(method)).toList();
  }

  static ObjectNode body(RecordedRequest r) {
    return (ObjectNode) Json.parseOrNull(r.body());
  }

  /** What every recorded request breaks of the OpenAPI description; empty when all conform. */
  List<String> openApiViolations() {
    List<String> violations = OpenApiContract.violations(sim.recordedRequests());
    return violations;
  }

  @Override
  public void close() {
    sim.close();
  }
}
