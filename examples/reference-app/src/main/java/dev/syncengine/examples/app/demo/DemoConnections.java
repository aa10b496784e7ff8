package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.smartsuite.SmartSuiteCredentials;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.webflow.WebflowCredentials;
import dev.syncengine.webflow.WebflowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The two demo connections, categories first because products reference them, each with a complete
 * mapping document (see {@code docs/mapping.md}). Stateless.
 */
public final class DemoConnections {
  public static final String CATEGORIES = "demo-categories";
  public static final String PRODUCTS = "demo-products";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private DemoConnections() {}

  static ConnectionConfig categories(DemoSimulators sims) {
    return connection(CATEGORIES, "Categories", DemoCatalog.CATEGORIES_TABLE, sims)
        .target(new ResourceRef(WebflowSink.TYPE, sims.siteId(), sims.categoriesCollection()))
        .build();
  }

  /**
   * Products, two-way ({@code docs/two-way.md}): the SEO description is owned by Webflow, so an
   * edit made in the Webflow Editor flows back to the SmartSuite record.
   */
  static ConnectionConfig products(DemoSimulators sims) {
    return connection(PRODUCTS, "Products", DemoCatalog.PRODUCTS_TABLE, sims)
        .target(new ResourceRef(WebflowSink.TYPE, sims.siteId(), sims.productsCollection()))
        .option(TwoWay.OPTION_ENABLED, "true")
        .build();
  }

  private static ConnectionConfig.Builder connection(
      String id, String name, String table, DemoSimulators sims) {
    return ConnectionConfig.builder(id)
        .name(name)
        .source(new ResourceRef(SmartSuiteSource.TYPE, DemoCatalog.SOLUTION, table))
        .publishMode(PublishMode.LIVE)
        .deleteMode(DeleteMode.DELETE)
        .option(WebflowSink.OPTION_RECORD_ID_FIELD, "smartsuite-id")
        .credentials(
            Credentials.of(
                Map.of(
                    SmartSuiteCredentials.API_KEY, DemoSimulators.API_KEY,
                    SmartSuiteCredentials.ACCOUNT_ID, DemoSimulators.ACCOUNT_ID,
                    WebflowCredentials.TOKEN, DemoSimulators.WEBFLOW_TOKEN,
                    Credentials.WEBHOOK_TOKEN, token())));
  }

  /** Categories: title, plain-text description. */
  static ObjectNode categoriesMapping() {
    return json(
        """
        {
          "format": 1,
          "fields": {
            "name": "Title",
            "description": {"rule": "direct", "source": "Description", "post": "trim"}
          },
          "slug": {"template": "{{kebab(Title)}}", "maxLength": 60}
        }
        """);
  }

  /**
   * Products: every rule kind (direct, JSONata, template, constant, reference), post transforms,
   * type coercion to Number, RichText, Option, DateTime, Image and Reference, a slug template, a
   * status rule, and one field owned by Webflow ({@code seo-description}, docs/mapping.md
   * "Direction per field").
   */
  static ObjectNode productsMapping() {
    return json(
        """
        {
          "format": 1,
          "fields": {
            "name": "Title",
            "sku": {"rule": "direct", "source": "SKU", "post": ["trim", "uppercase"]},
            "description": {"rule": "direct", "source": "Description"},
            "price": {"rule": "direct", "source": "Price"},
            "stock": {"rule": "direct", "source": "Stock"},
            "weight-kg": {"rule": "jsonata", "expression": "$number(`Weight (g)`) / 1000", "post": "round(3)"},
            "origin": {"rule": "direct", "source": "Origin"},
            "launch-date": {"rule": "direct", "source": "Launch Date"},
            "category": {"rule": "reference", "source": "Category", "onMissing": "warn"},
            "photo": {"rule": "direct", "source": "Photos"},
            "summary": {"rule": "template", "template": "{{truncate(Title, 40, '…')}} from {{Origin}}"},
            "brand": {"rule": "constant", "value": "Leaf & Cup"},
            "seo-description": {"rule": "direct", "source": "SEO Description", "owner": "webflow"}
          },
          "slug": {"template": "{{kebab(Title)}}-{{lowercase(trim(SKU))}}", "maxLength": 80},
          "status": {
            "source": "Status",
            "actions": {"Active": "publish", "Draft": "draft", "Discontinued": "archive"},
            "default": "default"
          }
        }
        """);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Ids of both demo connections, in the order they are set up. */
  static java.util.List<String> ids() {
    return java.util.List.of(CATEGORIES, PRODUCTS);
  }

  static String tableOf(String connectionId) {
    return connectionId.equals(CATEGORIES)
        ? DemoCatalog.CATEGORIES_TABLE
        : DemoCatalog.PRODUCTS_TABLE;
  }
}
