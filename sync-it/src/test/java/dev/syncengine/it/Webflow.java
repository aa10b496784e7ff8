package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A sped-up Webflow simulator with a products collection, and the suite's final-state check. */
final class Webflow implements AutoCloseable {
  static final String TOKEN = "wf-token-it-0123456789abcdef";
  final WebflowSimulator sim;
  final String site;
  final String collection;

  Webflow() {
    this(WebflowSimulator.builder().rateLimit(Wiring.RATE_LIMIT, Wiring.RATE_WINDOW));
  }

  Webflow(WebflowSimulator.Builder b) {
    sim = b.start();
    site = sim.createSite("Shop");
    collection =
        sim.createCollection(
            site,
            "Products",
            List.of(
                SimField.optional("price", "Number"),
                SimField.optional("rev", "Number"),
                SimField.optional(Wiring.MARKER_FIELD, "PlainText")));
  }

  /** What one record should look like in Webflow at the end. */
  record Expected(String title, long price, long rev) {}

  /**
   * Every expected record exactly once (by its record-id field and by slug), with the newest data,
   * and nothing else in the collection.
   */
  void assertExactlyOnceWithNewestData(Map<String, Expected> expected) {
    List<SimItem> items = sim.items(collection);
    Map<String, Long> perRecord =
        items.stream()
            .collect(
                Collectors.groupingBy(
                    i -> i.fieldData().path(Wiring.MARKER_FIELD).asText(), Collectors.counting()));
    assertThat(perRecord.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("records with more than one item")
        .isEmpty();
    assertThat(perRecord.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    Map<String, SimItem> byRecord =
        items.stream()
            .collect(
                Collectors.toMap(
                    i -> i.fieldData().path(Wiring.MARKER_FIELD).asText(), Function.identity()));
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      SimItem item = byRecord.get(e.getKey());
      Expected x = e.getValue();
      assertThat(item.slug()).isEqualTo("r-" + e.getKey());
      assertThat(item.fieldData().path("name").asText())
          .as("name of %s", e.getKey())
          .isEqualTo(x.title());
      assertThat(item.fieldData().path("rev").decimalValue())
          .as("rev of %s", e.getKey())
          .isEqualByComparingTo(BigDecimal.valueOf(x.rev()));
      assertThat(item.fieldData().path("price").decimalValue())
          .as("price of %s", e.getKey())
          .isEqualByComparingTo(BigDecimal.valueOf(x.price()));
      assertThat(item.isLive()).as("%s is live", e.getKey()).isTrue();
      assertThat(item.liveFieldData().path("rev").decimalValue())
          .as("live rev of %s", e.getKey())
          .isEqualByComparingTo(BigDecimal.valueOf(x.rev()));
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
