package dev.syncengine.webflow;

/**
 * The {@link dev.syncengine.core.spi.SyncError#code()} values {@link WebflowSink} gives, beside
 * Webflow's own codes that it passes on. Stored in the event log and shown by the dashboard: the
 * values never change.
 */
public final class WebflowErrorCodes {
  /** Another item of the collection holds the slug. */
  public static final String SLUG_TAKEN = "slug_taken";

  /** A create may or may not have happened (5xx or timeout, and no look-up confirmed it). */
  public static final String CREATE_OUTCOME_UNKNOWN = "create_outcome_unknown";

  /** The intent to create could not be recorded first, so the create was not sent. */
  public static final String INTENT_NOT_RECORDED = "intent_not_recorded";

  /** Webflow's code for a collection that does not exist (webflow-api.md, errors). */
  public static final String COLLECTION_NOT_FOUND = "collection_not_found";

  /** Webflow could not be reached. */
  public static final String UNREACHABLE = "webflow_unreachable";

  /** The item was written but publishing it failed. */
  public static final String PUBLISH_FAILED = "publish_failed";

  /** A batch ended without a result for the op. */
  public static final String NOT_WRITTEN = "not_written";

  /**
   * A limit of the site's Webflow plan (items per collection, references per field) stops the
   * write: permanent for the record (replay it once the plan or the data allow), never retried.
   */
  public static final String PLAN_LIMIT = "plan_limit_reached";

  /** The item was written but one or more of its locale variants were not. */
  public static final String LOCALE_NOT_WRITTEN = "locale_not_written";

  /** The mapping writes secondary locales but the site's primary locale is not known. */
  public static final String LOCALES_UNKNOWN = "locales_unknown";

  private WebflowErrorCodes() {}

  /** A two-way connection's target names no site, so its webhooks cannot be registered. */
  public static final String SITE_MISSING = "site_missing";
}
