package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.spi.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the demo connections against this run's simulators: forgets what the previous run synced
 * (its simulated items are gone), saves both connections and their mappings, registers the
 * SmartSuite webhooks and, for the two-way products connection, the Webflow webhooks (both point at
 * this application's own ingress), then backfills categories before products so product references
 * resolve at the first attempt.
 *
 * <p>Call {@link #setUp()} once, then {@link #backfill()} on a background thread.
 */
final class DemoSeeder {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final List<String> CURSORS =
      List.of("backfill.cursor", "backfill.status", "reconcile.cursor", "reconcile.status");

  private final SyncEngine engine;
  private final Stores stores;
  private final DemoSimulators sims;

  /**
   * @param stores the engine's stores, only to forget the previous run's item ids and cursors
   */
  DemoSeeder(SyncEngine engine, Stores stores, DemoSimulators sims) {
    this.engine = engine;
    this.stores = stores;
    this.sims = sims;
  }

  /** Saves the connections and mappings and registers their webhooks. */
  void setUp() {
    save(DemoConnections.categories(sims), DemoConnections.categoriesMapping());
    save(DemoConnections.products(sims), DemoConnections.productsMapping());
  }

  private void save(ConnectionConfig c, JsonNode mapping) {
    ControlPlane admin = engine.admin();
    if (engine.inspect().connection(c.id()).isPresent()) {
      forgetPreviousRun(stores, c.id());
      admin.update(c);
    } else {
      admin.create(c);
    }
    Optional<MappingVersion> current = engine.inspect().mapping(c.id());
    if (current.isEmpty() || !current.get().spec().equals(mapping)) {
      try {
        admin.saveMapping(c.id(), mapping);
      } catch (MappingValidationException e) {
        throw new IllegalStateException("the demo mapping of " + c.id() + " is invalid", e);
      }
    }
    admin.registerWebhook(c.id());
    if (TwoWay.enabled(c)) {
      // Webflow's item webhooks, delivering to this app's /sync/hooks/{id}/{token}/target
      engine.twoWay().registerWebhooks(c.id());
    }
  }

  /**
   * The previous run's simulators died with it: their item ids and queued work mean nothing now.
   * The sync log stays, so the dashboard keeps its history.
   */
  private static void forgetPreviousRun(Stores stores, String connectionId) {
    if (stores.connections().find(connectionId).isEmpty()) {
      return;
    }
    stores.jobs().deleteConnection(connectionId);
    CURSORS.forEach(name -> stores.cursors().delete(connectionId, name));
    List<IdMapping> page;
    while (!(page = stores.idMap().list(connectionId, null, 500)).isEmpty()) {
      page.forEach(m -> stores.idMap().delete(connectionId, m.recordId()));
    }
  }

  /** Backfills categories, waits until they are written, then backfills products. */
  void backfill() throws Exception {
    long start = System.nanoTime();
    engine.admin().backfill(DemoConnections.CATEGORIES);
    engine.admin().awaitBackfill(DemoConnections.CATEGORIES);
    log.info(
        "demo: categories listed after {} ms",
        Duration.ofNanos(System.nanoTime() - start).toMillis());
    int categories = sims.categoryIds().size();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (engine.inspect().itemCount(DemoConnections.CATEGORIES) < categories
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    log.info(
        "demo: {} of {} categories written to Webflow after {} ms; backfilling products",
        engine.inspect().itemCount(DemoConnections.CATEGORIES),
        categories,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
    engine.admin().backfill(DemoConnections.PRODUCTS);
    engine.admin().awaitBackfill(DemoConnections.PRODUCTS);
    log.info(
        "demo: backfill queued {} categories and {} products in {} ms; workers are writing them to"
            + " the Webflow simulator",
        categories,
        sims.smartSuite().records(DemoCatalog.PRODUCTS_TABLE).size(),
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }
}
