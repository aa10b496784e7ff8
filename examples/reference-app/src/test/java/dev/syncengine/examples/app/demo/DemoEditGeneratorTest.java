package dev.syncengine.examples.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.syncengine.testing.webflow.SimItem;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The demo's site editor: an edit in the Webflow Editor changes only the SEO description of a
 * product that is in Webflow, and is made only once there is one.
 */
class DemoEditGeneratorTest {
  @Test
  void aWebflowEditorEditChangesOnlyTheSeoDescriptionOfAnItemInWebflow() {
    try (DemoSimulators sims = DemoSimulators.start(3, 7);
        DemoEditGenerator edits = new DemoEditGenerator(sims, Duration.ZERO, 1)) {
      String collection = sims.productsCollection();
      assertThat(edits.editInWebflow(new Random(1))).isFalse(); // nothing synced yet

      String id =
          sims.webflow()
              .seedItem(
                  collection,
                  JsonNodeFactory.instance
                      .objectNode()
                      .put("name", "Misty Sencha")
                      .put("slug", "misty-sencha")
                      .put("sku", "LC-0001")
                      .put("price", 12.5),
                  true);
      assertThat(edits.editInWebflow(new Random(1))).isTrue();

      SimItem item = sims.webflow().items(collection).get(0);
      assertThat(item.id()).isEqualTo(id);
      assertThat(item.fieldData().path("seo-description").asText())
          .startsWith("Misty Sencha: loose-leaf tea with ")
          .endsWith("Edited in Webflow.");
      assertThat(item.fieldData().path("price").asDouble()).isEqualTo(12.5);
      assertThat(item.fieldData().path("sku").asText()).isEqualTo("LC-0001");
    }
  }
}
