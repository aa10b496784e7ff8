package dev.syncengine.webflow.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowPlanLimits;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Webflow's plan limits on creates. Webflow's API reference states neither the item limits of its
 * plans nor the error a create over one gets; the error body is always {@code {code, message,
 * externalReference, details[]}} (webflow-api.md, "Rate limits and errors"). So any refusal of a
 * create (400, 403, 409, 422) whose code, message or details speak of a limit on items, fields,
 * references, the plan or the CMS is taken as a plan limit: every item of the request fails at
 * once, permanently, naming the limit and the record, instead of being split and sent again. A
 * limit the connection states ({@link WebflowPlanLimits}) is checked before sending, at no request.
 * Stateless.
 */
final class PlanLimitGuard {
  private static final Pattern LIMIT = Pattern.compile("limit|maximum|exceed|quota");
  private static final Pattern WHAT = Pattern.compile("item|field|reference|plan|cms|collection");

  private PlanLimitGuard() {}

  /** Whether Webflow's refusal reads as a plan limit. */
  static boolean isPlanLimit(WebflowException e) {
    int s = e.status();
    if (s != 400 && s != 403 && s != 409 && s != 422) {
      return false;
    }
    StringBuilder text = new StringBuilder(e.code() == null ? "" : e.code()).append(' ');
    text.append(e.getMessage());
    e.details().forEach(d -> text.append(' ').append(d.description()));
    String t = text.toString().toLowerCase(Locale.ROOT);
    if (t.contains("unique value") || t.contains("slug")) {
      return false; // a slug collision, handled by re-planning the slug
    }
    return LIMIT.matcher(t).find() && WHAT.matcher(t).find();
  }

  /** The error of one record whose create Webflow refused for a plan limit. */
  static SyncError refused(String recordId, WebflowException e) {
    return SyncError.permanent(
        WebflowErrorCodes.PLAN_LIMIT,
        "record "
            + recordId
            + " not created: Webflow refused it for a limit of the site's plan ("
            + e.getMessage()
            + ")",
        e.details().isEmpty() ? null : e.details().get(0).param());
  }

  /** The error of one record held back because the collection is full by the stated limit. */
  static SyncError full(String recordId, int max) {
    return SyncError.permanent(
        WebflowErrorCodes.PLAN_LIMIT,
        "record "
            + recordId
            + " not created: the collection holds its plan's limit of "
            + max
            + " items ("
            + WebflowPlanLimits.OPTION_MAX_ITEMS
            + ")",
        null);
  }

  /**
   * How many of {@code wanted} creates fit under the stated item limit, given the items the
   * collection holds; all of them when no limit is stated.
   */
  static int room(WebflowPlanLimits limits, int held, int wanted) {
    Integer max = limits.maxItemsPerCollection();
    return max == null ? wanted : Math.max(0, Math.min(wanted, max - held));
  }

  /** The records of a chunk, for messages. */
  static List<String> records(List<PendingCreate> chunk) {
    return chunk.stream().map(p -> p.op().recordId()).toList();
  }
}
