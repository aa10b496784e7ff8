package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * write.
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
    log.info("demo: editing a random product every {} ms", millis);
  }

  private void tick() {
    try {
      List<ObjectNode> products = sims.smartSuite().records(DemoCatalog.PRODUCTS_TABLE);
      Random random = sims.catalog().random();
      int dice = random.nextInt(100);
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

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
