package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.util.List;
import java.util.Map;

/** Shared set-up: a products table with linked categories, and connections pointing at it. */
final class SimFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SOLUTION = "sol1";
  static final String PRODUCTS = "tblproducts";
  static final String CATEGORIES = "tblcategories";

  private SimFixture() {}

  static void createTables(SmartSuiteSimulator sim) {
    sim.createTable(
        SOLUTION,
        CATEGORIES,
        "Categories",
        List.of(SimField.of("s_desc", "Description", "textareafield")));
    sim.createTable(
        SOLUTION,
        PRODUCTS,
        "Products",
        List.of(
            SimField.of("s_price", "Price", "currencyfield"),
            SimField.choices(
                "s_colour", "Colour", "singleselectfield", Map.of("c1", "Red", "c2", "Blue")),
            SimField.linked("s_cat", "Category", CATEGORIES),
            SimField.of("s_imgs", "Images", "filefield"),
            SimField.of("s_live", "Live", "yesnofield")));
  }

  static ConnectionConfig connection(
      String id, SmartSuiteSimulator sim, IngestionMode mode, String token) {
    return ConnectionConfig.builder(id)
        .source(new ResourceRef("smartsuite", SOLUTION, PRODUCTS))
        .target(new ResourceRef("webflow", "site1", "col1"))
        .ingestionMode(mode)
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, sim.apiKey(),
                    SmartSuiteCredentials.ACCOUNT_ID, sim.accountId(),
                    Credentials.WEBHOOK_TOKEN, token)))
        .build();
  }

  static SmartSuiteSource source(SmartSuiteSimulator sim) {
    return SmartSuiteSource.builder()
        .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()))
        .eventPageSize(50)
        .build();
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
