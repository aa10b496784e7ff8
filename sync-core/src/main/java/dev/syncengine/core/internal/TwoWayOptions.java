package dev.syncengine.core.internal;

import dev.syncengine.core.model.ConnectionConfig;
import java.util.Locale;

/** The connection options of two-way sync, and their defaults. Stateless. */
public final class TwoWayOptions {
  /** {@code "true"} opts a connection in; one-way is the default. */
  public static final String ENABLED = "twoWay.enabled";

  /**
   * Who wins when both sides changed a field between syncs: {@code newest} (default: the later of
   * the two services' own timestamps), {@code smartsuite} or {@code webflow}.
   */
  public static final String CONFLICTS = "twoWay.conflicts";

  /**
   * What an item deleted at the target does to its record: {@code ask} (default: held for a
   * person's approval), {@code delete} (the record is deleted too) or {@code ignore} (the record
   * stays, unlinked, and its next change creates a new item).
   */
  public static final String DELETES = "twoWay.deletes";

  /** {@code "true"}: an item created at the target creates a source record. Default false. */
  public static final String CREATE_RECORDS = "twoWay.createRecords";

  /**
   * The source field (slug) that holds the target item id of records created from items: the marker
   * that keeps those creates idempotent. Needed when {@link #CREATE_RECORDS} is on.
   */
  public static final String ITEM_ID_FIELD = "twoWay.itemIdField";

  /** {@link #CONFLICTS}. */
  public enum ConflictPolicy {
    NEWEST,
    SOURCE,
    TARGET
  }

  /** {@link #DELETES}. */
  public enum DeletePolicy {
    ASK,
    DELETE,
    IGNORE
  }

  private TwoWayOptions() {}

  public static boolean enabled(ConnectionConfig c) {
    return Boolean.parseBoolean(c.option(ENABLED, "false"));
  }

  public static ConflictPolicy conflicts(ConnectionConfig c) {
    return switch (c.option(CONFLICTS, "newest").strip().toLowerCase(Locale.ROOT)) {
      case "smartsuite", "source" -> ConflictPolicy.SOURCE;
      case "webflow", "target" -> ConflictPolicy.TARGET;
      default -> ConflictPolicy.NEWEST;
    };
  }

  /**
   * The conflict policy as the option names it: {@code newest}, {@code smartsuite}, {@code
   * webflow}.
   */
  public static String conflictsName(ConnectionConfig c) {
    return switch (conflicts(c)) {
      case SOURCE -> "smartsuite";
      case TARGET -> "webflow";
      case NEWEST -> "newest";
    };
  }

  public static DeletePolicy deletes(ConnectionConfig c) {
    return switch (c.option(DELETES, "ask").strip().toLowerCase(Locale.ROOT)) {
      case "delete" -> DeletePolicy.DELETE;
      case "ignore" -> DeletePolicy.IGNORE;
      default -> DeletePolicy.ASK;
    };
  }

  public static boolean createRecords(ConnectionConfig c) {
    return Boolean.parseBoolean(c.option(CREATE_RECORDS, "false"));
  }

  /** The marker field's slug, or null when none is set. */
  public static String itemIdField(ConnectionConfig c) {
    String f = c.option(ITEM_ID_FIELD, "");
    return f.isBlank() ? null : f.strip();
  }
}
