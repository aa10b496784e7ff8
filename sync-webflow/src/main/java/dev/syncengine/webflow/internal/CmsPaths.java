package dev.syncengine.webflow.internal;

import java.util.Objects;

/**
 * The paths of the CMS endpoints, with their ids checked, and the bulk-size rule. Stateless and
 * thread-safe.
 */
public final class CmsPaths {
  /** Webflow's cap on items per bulk call. */
  public static final int MAX_BULK = 100;

  private CmsPaths() {}

  public static String site(String siteId) {
    return "/sites/" + id(siteId);
  }

  public static String collection(String collectionId) {
    return "/collections/" + id(collectionId);
  }

  /** {@code /collections/{id}/items}, or its {@code /live} twin. */
  public static String items(String collectionId, boolean live) {
    return collection(collectionId) + "/items" + (live ? "/live" : "");
  }

  /** {@code /collections/{id}/items/{item_id}}, or its {@code /live} twin. */
  public static String item(String collectionId, String itemId, boolean live) {
    return collection(collectionId) + "/items/" + id(itemId) + (live ? "/live" : "");
  }

  /** {@code id} when it can stand in a path. */
  public static String id(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.contains("/")) {
      throw new IllegalArgumentException("not a Webflow id: " + id);
    }
    return id;
  }

  /** Fails unless {@code n} items fit one bulk call. */
  public static void checkBulk(int n) {
    if (n < 1 || n > MAX_BULK) {
      throw new IllegalArgumentException("bulk calls take 1-100 items, got " + n);
    }
  }
}
