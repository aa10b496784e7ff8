package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A site plan's CMS limits, as the simulator enforces them: items per collection and items per
 * MultiReference field (none by default), fields per collection (60, as Webflow documents:
 * "Collections are limited to 60 fields per collection",
 * https://developers.webflow.com/data/v2.0.0-beta/changelog/2025/1/16).
 *
 * <p>Webflow's API reference gives neither the plans' item limits nor the answer to a write over
 * one. The simulator answers it with Webflow's documented error shape and the status of a refused
 * write ({@code 400 {code: "validation_error", message, externalReference, details[{param,
 * description}]}}, webflow-api.md "Rate limits and errors") and names the limit in the message and
 * details; a client must not depend on more than that. Bulk writes stay all-or-nothing.
 *
 * <pre>{@code
 * sim.planLimits().maxItemsPerCollection(2000).maxReferencesPerField(100);
 * }</pre>
 *
 * <p>Thread-safe: settings may change while requests are served.
 */
public final class SimPlanLimits {
  /** Webflow's documented field limit of a collection. */
  public static final int DEFAULT_MAX_FIELDS = 60;

  private volatile Integer maxItemsPerCollection;
  private volatile Integer maxReferencesPerField;
  private volatile int maxFieldsPerCollection = DEFAULT_MAX_FIELDS;

  /** The most items one collection holds; null for no limit (the default). */
  public SimPlanLimits maxItemsPerCollection(Integer max) {
    this.maxItemsPerCollection = positive(max);
    return this;
  }

  /** The most item ids one MultiReference value holds; null for no limit (the default). */
  public SimPlanLimits maxReferencesPerField(Integer max) {
    this.maxReferencesPerField = positive(max);
    return this;
  }

  /** The most fields one collection holds (default 60), for routes that add fields. */
  public SimPlanLimits maxFieldsPerCollection(int max) {
    this.maxFieldsPerCollection = positive(max);
    return this;
  }

  public Integer maxItemsPerCollection() {
    return maxItemsPerCollection;
  }

  public Integer maxReferencesPerField() {
    return maxReferencesPerField;
  }

  public int maxFieldsPerCollection() {
    return maxFieldsPerCollection;
  }

  /** Refuses a create of {@code adding} items into a collection holding {@code held}. */
  void checkCreate(int held, int adding) {
    Integer max = maxItemsPerCollection;
    if (max != null && held + adding > max) {
      throw new SimError(
          400,
          "validation_error",
          "Validation Error: collection item limit reached",
          List.<String[]>of(
              new String[] {
                "items",
                "Collection item limit reached: the site's plan allows "
                    + max
                    + " items, the collection holds "
                    + held
              }));
    }
  }

  /** Adds an error for each MultiReference value of {@code fd} over the reference limit. */
  void checkReferences(List<SimField> fields, ObjectNode fd, List<String[]> errors) {
    Integer max = maxReferencesPerField;
    if (max == null) {
      return;
    }
    for (SimField f : fields) {
      JsonNode v = fd.get(f.slug());
      if (f.type().equals("MultiReference") && v != null && v.isArray() && v.size() > max) {
        errors.add(
            new String[] {
              f.slug(),
              "Reference limit exceeded: at most " + max + " items per field, got " + v.size()
            });
      }
    }
  }

  private static Integer positive(Integer n) {
    if (n != null && n < 1) {
      throw new IllegalArgumentException("a limit must be at least 1");
    }
    return n;
  }
}
