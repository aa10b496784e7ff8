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
 * create (400, 403, 409, 422) whose code, message or details speak of a limit (the word) on items,
 * references, the plan, the CMS or the collection is taken as a plan limit, permanent for the
 * record and named in its error. A collection's limit (no field named) is narrowed down until one
 * create is refused, then every create left fails without a request; a field's limit is isolated to
 * its item. A limit the connection states ({@link WebflowPlanLimits}) is checked before sending, at
 * no request. Stateless.
 */
final class PlanLimitGuard {
  // "limit" itself: "maximum length" or "exceeds" alone are a value's validation, not the plan's
  private static final Pattern LIMIT = Pattern.compile("\\blimits?\\b|quota");
  private static final Pattern WHAT = Pattern.compile("\\bitems?\\b|reference|plan|cms|collection");

  private PlanLimitGuard() {}

  /** Whether Webflow's refusal reads as a plan limit. */
  static boolean isPlanLimit(WebflowException e) {
    int s = e.status();
    if (s != 400 && s != 403 && s != 409 && s != 422) {
      return false;
    }
    StringBuilder text = new StringBuilder(e.code() == null ? "" : e.code()).append(' ');
    text.append(answered(e.getMessage()));
    e.details().forEach(d -> text.append(' ').append(d.description()));
    String t = text.toString().toLowerCase(Locale.ROOT);
    if (t.contains("unique value") || t.contains("slug")) {
      return false; // a slug collision, handled by re-planning the slug
    }
    return LIMIT.matcher(t).find() && WHAT.matcher(t).find();
  }

  /**
   * Whether the limit is the collection's (its items), not one field's: no detail names a field.
   * Such a refusal fails every create of the request; a field's limit is one item's, isolated.
   */
  static boolean isCollectionLimit(WebflowException e) {
    if (!isPlanLimit(e)) {
      return false;
    }
    for (var d : e.details()) {
      String param = d.param();
      if (param != null && !param.isBlank() && !param.equals("items")) {
        return false;
      }
    }
    return true;
  }

  /**
   * What Webflow answered, without the call ("POST /collections/{id}/items: ") that {@link
   * ErrorMapper} puts first: the path names collections and items in every message.
   */
  private static String answered(String message) {
    if (message == null) {
      return "";
    }
    int i = message.indexOf(": ");
    return i < 0 ? message : message.substring(i + 2);
  }

  /** The error of one record whose write ({@code verb}: created, updated) Webflow refused. */
  static SyncError refused(String recordId, String verb, WebflowException e) {
    String field = null;
    for (var d : e.details()) {
      if (d.param() != null && !d.param().equals("items")) {
        field = d.param();
        break;
      }
    }
    return SyncError.permanent(
        WebflowErrorCodes.PLAN_LIMIT,
        "record "
            + recordId
            + " not "
            + verb
            + ": Webflow refused it for a limit of the site's plan ("
            + e.getMessage()
            + ")",
        field);
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
