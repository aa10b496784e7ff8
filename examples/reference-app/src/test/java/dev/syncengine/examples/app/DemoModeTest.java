package dev.syncengine.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.examples.app.demo.DemoSimulators;
import dev.syncengine.testing.webflow.SimDelivery;
import dev.syncengine.testing.webflow.SimItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo mode as a newcomer gets it, on a random port with its own data directory: the seeded
 * SmartSuite tables reach the Webflow simulator with references resolved, an edit made in
 * SmartSuite arrives through the registered webhook (ping → event pull → write), and an edit made
 * in the Webflow Editor arrives in the SmartSuite record (two-way).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"demo.products=60", "demo.edit-interval=0s"})
class DemoModeTest {
  private static final int PRODUCTS = 60;
  private static final Path DATA_DIR = tempDir();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("demo.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;
  @Autowired DemoSimulators sims;

  @Test
  void seededRecordsReachWebflowWithReferencesResolvedAndALaterEditArrivesByWebhook()
      throws Exception {
    String products = sims.productsCollection();
    String categories = sims.categoriesCollection();
    awaitUntil(
        Duration.ofSeconds(45),
        () -> sims.webflow().items(products).size() + " of " + PRODUCTS + " products in Webflow",
        () -> sims.webflow().items(products).size() == PRODUCTS);

    // Categories by their SmartSuite id → Webflow item id: every product references its own.
    Map<String, String> categoryItems =
        sims.webflow().items(categories).stream()
            .collect(
                Collectors.toMap(i -> i.fieldData().path("smartsuite-id").asText(), SimItem::id));
    assertThat(categoryItems.keySet()).containsExactlyInAnyOrderElementsOf(sims.categoryIds());
    for (ObjectNode record : sims.smartSuite().records("tbl_products")) {
      SimItem item = itemFor(products, record.path("id").asText());
      String linkedCategory = record.path("s_category").get(0).asText();
      assertThat(item.fieldData().path("category").asText())
          .as("reference of %s", item.slug())
          .isEqualTo(categoryItems.get(linkedCategory));
      assertThat(item.fieldData().path("price").decimalValue())
          .isEqualByComparingTo(record.path("s_price").asText());
      assertThat(item.fieldData().path("sku").asText())
          .isEqualTo(record.path("s_sku").asText().trim().toUpperCase());
      assertThat(item.fieldData().path("photo").path("url").asText()).startsWith("https://");
    }

    // The engine registered SmartSuite's webhook itself, pointing at this app's ingress.
    assertThat(sims.smartSuite().webhookIds()).hasSize(2);

    String recordId = sims.smartSuite().records("tbl_products").get(7).path("id").asText();
    ObjectNode edit = JsonNodeFactory.instance.objectNode().put("s_price", "123.45");
    sims.smartSuite().updateRecord("tbl_products", recordId, edit);
    awaitUntil(
        Duration.ofSeconds(20),
        () ->
            "the edited price in Webflow, now "
                + itemFor(products, recordId).fieldData().get("price"),
        () -> itemFor(products, recordId).fieldData().path("price").asText().equals("123.45"));
    assertThat(sims.smartSuite().pingsDelivered()).isPositive();
  }

  /**
   * Issue #18: the products connection is two-way with the SEO description owned by Webflow. The
   * app registered Webflow's item webhooks at its own ingress; an edit made in the Webflow
   * simulator's Editor is delivered over HTTP, and the reverse path writes it to the SmartSuite
   * simulator's record, leaving the fields SmartSuite owns as they were.
   */
  @Test
  void anEditInTheWebflowEditorArrivesInTheSmartSuiteRecord() throws Exception {
    String products = sims.productsCollection();
    String recordId = sims.smartSuite().records("tbl_products").get(3).path("id").asText();
    awaitUntil(
        Duration.ofSeconds(45),
        () -> "the item of record " + recordId + " in Webflow",
        () ->
            sims.webflow().items(products).stream()
                .anyMatch(i -> i.fieldData().path("smartsuite-id").asText().equals(recordId)));
    List<ObjectNode> hooks = sims.webflow().webhooks().registrations(sims.siteId());
    assertThat(hooks)
        .extracting(h -> h.path("triggerType").asText())
        .contains("collection_item_changed", "collection_item_deleted");
    assertThat(hooks)
        .extracting(h -> h.path("url").asText())
        .allSatisfy(
            url ->
                assertThat(url)
                    .contains(":" + port + "/sync/hooks/demo-products/")
                    .endsWith("/target"));

    SimItem item = itemFor(products, recordId);
    ObjectNode before = sims.smartSuite().record("tbl_products", recordId).orElseThrow();
    assertThat(before.has("s_seo")).isFalse();
    String text = "Hand-rolled oolong with a honeyed finish, written in the Webflow Editor";
    sims.webflow()
        .webhooks()
        .editItem(
            products,
            item.id(),
            JsonNodeFactory.instance.objectNode().put("seo-description", text));

    awaitUntil(
        Duration.ofSeconds(20),
        () ->
            "the SEO description in SmartSuite, now "
                + sims.smartSuite().record("tbl_products", recordId).orElseThrow().get("s_seo"),
        () ->
            text.equals(
                sims.smartSuite()
                    .record("tbl_products", recordId)
                    .orElseThrow()
                    .path("s_seo")
                    .asText()));
    ObjectNode after = sims.smartSuite().record("tbl_products", recordId).orElseThrow();
    for (String smartSuiteOwned : List.of("title", "s_sku", "s_price", "s_stock", "s_status")) {
      assertThat(after.get(smartSuiteOwned))
          .as(smartSuiteOwned)
          .isEqualTo(before.get(smartSuiteOwned));
    }
    assertThat(sims.webflow().webhooks().deliveries())
        .filteredOn(d -> d.bodyText().contains(text))
        .extracting(SimDelivery::status)
        .containsOnly(202);
    assertThat(itemFor(products, recordId).fieldData().path("seo-description").asText())
        .isEqualTo(text);
  }

  @Test
  void theDashboardAndHealthAnswerUnderTheBasePath() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sync/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> dashboard =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sync/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).containsIgnoringCase("<html");
    // The demo key was created in the data directory, so credentials survive a restart.
    assertThat(DATA_DIR.resolve("demo-encryption.key")).isRegularFile();
  }

  private SimItem itemFor(String collection, String recordId) {
    List<SimItem> items =
        sims.webflow().items(collection).stream()
            .filter(i -> i.fieldData().path("smartsuite-id").asText().equals(recordId))
            .toList();
    assertThat(items).as("items of record %s", recordId).hasSize(1);
    return items.get(0);
  }

  private static void awaitUntil(Duration timeout, Supplier<String> what, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.sleep(50);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("syncengine-demo-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
