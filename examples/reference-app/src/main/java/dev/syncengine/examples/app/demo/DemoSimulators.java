package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-process SmartSuite and Webflow of demo mode, on random loopback ports: a tea shop's
 * categories and products tables in SmartSuite, and a site with matching Categories and Products
 * collections in Webflow. Both forget everything when the application stops.
 *
 * <p>Thread-safe (the simulators are).
 */
public final class DemoSimulators implements AutoCloseable {
  public static final String API_KEY = "demo-smartsuite-key";
  public static final String ACCOUNT_ID = "demo-workspace";
  public static final String WEBFLOW_TOKEN = "demo-webflow-token";
  private static final int IMAGE_POOL = 16;

  private final SmartSuiteSimulator smartSuite;
  private final WebflowSimulator webflow;
  private final String siteId;
  private final String categoriesCollection;
  private final String productsCollection;
  private final List<String> categoryIds = new ArrayList<>();
  private final DemoCatalog catalog;

  private DemoSimulators(int products, long seed) {
    this.catalog = new DemoCatalog(seed);
    this.smartSuite =
        SmartSuiteSimulator.builder()
            .apiKey(API_KEY)
            .accountId(ACCOUNT_ID)
            .penalty(Duration.ofSeconds(5))
            .start();
    // Webflow's CMS plan limit; the starter's client paces itself to
    // sync.webflow.rate-limit-per-minute.
    this.webflow = WebflowSimulator.builder().rateLimit(120, Duration.ofMinutes(1)).start();
    createSmartSuiteTables();
    this.siteId = webflow.createSite("Leaf & Cup Tea Shop");
    this.categoriesCollection =
        webflow.createCollection(
            siteId,
            "Categories",
            List.of(
                field("description", "PlainText", false, null),
                field("smartsuite-id", "PlainText", false, null)));
    this.productsCollection = webflow.createCollection(siteId, "Products", productFields());
    seed(products);
  }

  /** Starts both simulators and seeds them with {@code products} products. */
  public static DemoSimulators start(int products, long seed) {
    return new DemoSimulators(products, seed);
  }

  private void createSmartSuiteTables() {
    smartSuite.createTable(
        DemoCatalog.SOLUTION,
        DemoCatalog.CATEGORIES_TABLE,
        "Categories",
        List.of(SimField.of("s_cdesc", "Description", "textareafield")));
    smartSuite.createTable(
        DemoCatalog.SOLUTION,
        DemoCatalog.PRODUCTS_TABLE,
        "Products",
        List.of(
            SimField.of("s_sku", "SKU", "textfield"),
            SimField.of("s_desc", "Description", "richtextareafield"),
            SimField.of("s_price", "Price", "currencyfield"),
            SimField.of("s_stock", "Stock", "numberfield"),
            SimField.of("s_weight", "Weight (g)", "numberfield"),
            SimField.choices(
                "s_status", "Status", "singleselectfield", sorted(DemoCatalog.STATUS_CHOICES)),
            SimField.choices(
                "s_origin", "Origin", "singleselectfield", sorted(DemoCatalog.ORIGIN_CHOICES)),
            SimField.of("s_launch", "Launch Date", "datefield"),
            SimField.linked("s_category", "Category", DemoCatalog.CATEGORIES_TABLE),
            SimField.of("s_photos", "Photos", "imagefield"),
            // Owned by Webflow (two-way): written by the site's editors, empty until they do.
            SimField.of("s_seo", "SEO Description", "textfield")));
  }

  private List<dev.syncengine.testing.webflow.SimField> productFields() {
    ObjectNode origin = JsonNodeFactory.instance.objectNode();
    ArrayNode options = origin.putArray("options");
    int n = 0;
    for (String label : sorted(DemoCatalog.ORIGIN_CHOICES).values()) {
      options.addObject().put("id", String.format("opt%05d", ++n)).put("name", label);
    }
    ObjectNode reference = JsonNodeFactory.instance.objectNode();
    reference.put("collectionId", categoriesCollection);
    ObjectNode price = JsonNodeFactory.instance.objectNode().put("precision", 2);
    return List.of(
        field("sku", "PlainText", true, null),
        field("description", "RichText", false, null),
        field("price", "Number", true, price),
        field("stock", "Number", false, null),
        field("weight-kg", "Number", false, null),
        field("origin", "Option", false, origin),
        field("launch-date", "DateTime", false, null),
        field("category", "Reference", false, reference),
        field("photo", "Image", false, null),
        field("summary", "PlainText", false, null),
        field("brand", "PlainText", false, null),
        field("smartsuite-id", "PlainText", false, null),
        field("seo-description", "PlainText", false, null));
  }

  private static dev.syncengine.testing.webflow.SimField field(
      String slug, String type, boolean required, ObjectNode validations) {
    return new dev.syncengine.testing.webflow.SimField(slug, type, required, validations);
  }

  private void seed(int products) {
    for (int i = 0; i < DemoCatalog.CATEGORIES.size(); i++) {
      categoryIds.add(
          smartSuite
              .createRecord(DemoCatalog.CATEGORIES_TABLE, DemoCatalog.category(i))
              .path("id")
              .asText());
    }
    for (int i = 0; i < products; i++) {
      createProduct();
    }
  }

  /** Adds one product to SmartSuite; returns its record id. */
  public synchronized String createProduct() {
    // A shop reuses photos; a small pool also keeps SmartSuite's per-file URL lookups (5 requests
    // per second) from dominating the first backfill.
    String handle = String.format("img-%02d", catalog.random().nextInt(IMAGE_POOL));
    smartSuite.putSharedFile(handle, DemoCatalog.imageUrl(handle));
    return smartSuite
        .createRecord(DemoCatalog.PRODUCTS_TABLE, catalog.product(categoryIds, handle))
        .path("id")
        .asText();
  }

  /** The generator used for edits (not thread-safe: call from one thread). */
  DemoCatalog catalog() {
    return catalog;
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  public SmartSuiteSimulator smartSuite() {
    return smartSuite;
  }

  public WebflowSimulator webflow() {
    return webflow;
  }

  public String siteId() {
    return siteId;
  }

  public String categoriesCollection() {
    return categoriesCollection;
  }

  public String productsCollection() {
    return productsCollection;
  }

  /** SmartSuite record ids of the categories, in creation order. */
  public List<String> categoryIds() {
    return List.copyOf(categoryIds);
  }

  @Override
  public void close() {
    smartSuite.close();
    webflow.close();
  }
}
