package dev.syncengine.webflow;

/**
 * Parameters of an item listing. Immutable; each {@code withX} returns a copy.
 *
 * <pre>{@code
 * ItemQuery q = ItemQuery.all().withSlug("blue-shoe").live(true);
 * }</pre>
 *
 * @param live list published items ({@code /items/live}) instead of staged ones
 * @param offset first item, 0-based
 * @param limit page size, 1–100
 * @param slug exact slug filter, or null
 * @param name exact name filter, or null
 * @param sortBy {@code createdOn}, {@code lastPublished}, {@code lastUpdated}, {@code name}, {@code
 *     slug}, or null
 * @param sortOrder {@code asc} or {@code desc}, or null
 */
public record ItemQuery(
    boolean live,
    int offset,
    int limit,
    String slug,
    String name,
    String sortBy,
    String sortOrder) {
  public static final int MAX_LIMIT = 100;

  public ItemQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1-100");
    }
  }

  /** First page of 100 staged items, unfiltered. */
  public static ItemQuery all() {
    return new ItemQuery(false, 0, MAX_LIMIT, null, null, null, null);
  }

  public ItemQuery live(boolean live) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, sortOrder);
  }

  public ItemQuery withOffset(int offset) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, sortOrder);
  }

  public ItemQuery withLimit(int limit) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, sortOrder);
  }

  public ItemQuery withSlug(String slug) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, sortOrder);
  }

  public ItemQuery withName(String name) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, sortOrder);
  }

  public ItemQuery sortedBy(String sortBy, boolean descending) {
    return new ItemQuery(live, offset, limit, slug, name, sortBy, descending ? "desc" : "asc");
  }
}
