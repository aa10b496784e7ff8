package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.webflow.SimItem;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a shop manager at work in the simulated SmartSuite, so the dashboard shows live traffic:
 * every interval one product is edited (price, stock, description or status); now and then one is
 * added or deleted. Each change reaches the app the real way: webhook ping, event pull, Webflow
 * write. Now and then a site editor changes a product's SEO description in the Webflow Editor
 * instead: Webflow's webhook delivers it to the app, and the reverse path writes it to the
 * SmartSuite record (the products connection is two-way).
 *
 * <p>Thread-safe: all edits happen on its own single thread.
 */
final class DemoEditGenerator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoEditGenerator.class);

  private final DemoSimulators sims;
  private final Duration interval;
  private final int minProducts;
  private ScheduledExecutorService executor;

  DemoEditGenerator(DemoSimulators sims, Duration interval, int minProducts) {
    this.sims = sims;
    this.interval = interval;
    this.minProducts = minProducts;
  }

  synchronized void start() {
    if (executor != null || interval.isZero() || interval.isNegative()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-edits");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    log.info(
        "demo: editing a random product every {} ms, one edit in five in the Webflow Editor",
        millis);
  }

  private void tick() {
    try {
      List<ObjectNode> products = sims.smartSuite().records(DemoCatalog.PRODUCTS_TABLE);
      Random random = sims.catalog().random();
      int dice = random.nextInt(100);
      if (dice >= 80 && editInWebflow(random)) {
        return;
      }
      if (products.isEmpty() || dice < 8) {
        sims.createProduct();
      } else if (dice < 14 && products.size() > minProducts) {
        String id = products.get(random.nextInt(products.size())).path("id").asText();
        sims.smartSuite().deleteRecord(DemoCatalog.PRODUCTS_TABLE, id);
      } else {
        String id = products.get(random.nextInt(products.size())).path("id").asText();
        sims.smartSuite().updateRecord(DemoCatalog.PRODUCTS_TABLE, id, sims.catalog().edit());
      }
    } catch (RuntimeException e) {
      // One failed edit must not end the schedule.
      log.warn("demo: an edit failed: {}", e.toString());
    }
  }

  /**
   * A site editor's change in the Webflow Editor: a new SEO description for a product that is in
   * Webflow. Returns false while none is.
   */
  boolean editInWebflow(Random random) {
    String collection = sims.productsCollection();
    List<SimItem> items = sims.webflow().items(collection);
    if (items.isEmpty()) {
      return false;
    }
    SimItem item = items.get(random.nextInt(items.size()));
    ObjectNode fieldData = JsonNodeFactory.instance.objectNode();
    String text = sims.catalog().seoDescription(item.fieldData().path("name").asText());
    fieldData.put("seo-description", text);
    sims.webflow().webhooks().editItem(collection, item.id(), fieldData);
    return true;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
