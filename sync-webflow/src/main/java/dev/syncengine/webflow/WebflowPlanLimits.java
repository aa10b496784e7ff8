package dev.syncengine.webflow;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;

/**
 * A Webflow site plan's CMS limits, as a connection states them. Webflow's API reference does not
 * give these numbers (they depend on the plan and change with it), so the sink enforces only what
 * the connection names, and otherwise relies on Webflow's refusal, which it recognises and reports
 * as {@link WebflowErrorCodes#PLAN_LIMIT}.
 *
 * <pre>{@code
 * options: {"webflow.plan.maxItems": "2000", "webflow.plan.maxReferences": "100"}
 * }</pre>
 *
 * @param maxItemsPerCollection the most items the collection may hold, or null when not stated
 * @param maxReferencesPerField the most items one MultiReference field may hold, or null
 */
public record WebflowPlanLimits(Integer maxItemsPerCollection, Integer maxReferencesPerField) {
  /** Connection option: the most items the target collection may hold. */
  public static final String OPTION_MAX_ITEMS = "webflow.plan.maxItems";

  /** Connection option: the most items one MultiReference field may reference. */
  public static final String OPTION_MAX_REFERENCES = "webflow.plan.maxReferences";

  /** The error code of an option that is not a positive integer. */
  public static final String INVALID_OPTION = "invalid_option";

  /** No limits stated. */
  public static final WebflowPlanLimits NONE = new WebflowPlanLimits(null, null);

  /**
   * The limits a connection's options state.
   *
   * @throws SyncException (permanent, {@code invalid_option}, naming the option) when a value is
   *     not a positive integer
   */
  public static WebflowPlanLimits of(ConnectionConfig connection) {
    return new WebflowPlanLimits(
        positive(connection, OPTION_MAX_ITEMS), positive(connection, OPTION_MAX_REFERENCES));
  }

  private static Integer positive(ConnectionConfig c, String option) {
    String v = c.option(option, null);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SyncException(
        SyncError.permanent(
            INVALID_OPTION, option + " must be a positive integer, got '" + v + "'", option));
  }
}
