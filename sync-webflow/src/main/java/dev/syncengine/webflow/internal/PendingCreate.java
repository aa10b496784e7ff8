package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.internal.WriteContext.Target;

/**
 * One item {@link ItemCreator} is to create.
 *
 * @param fd the fieldData to send (slug possibly suffixed)
 * @param baseSlug the slug before any suffix
 * @param attempt how many suffixes were tried
 * @param createKey the slug an earlier, unconfirmed create of this record was sent under, or null
 * @param goneItemId the item an update found gone (404), which must not be adopted again, or null
 */
record PendingCreate(
    WriteOp op,
    ObjectNode fd,
    Target target,
    Outcome outcome,
    String baseSlug,
    int attempt,
    String note,
    String createKey,
    String goneItemId) {

  static PendingCreate of(WriteOp op, ObjectNode fd, Target target, Outcome outcome, String note) {
    String key = op instanceof WriteOp.Upsert u ? u.createKey() : null;
    return new PendingCreate(op, fd, target, outcome, Slugs.of(fd), 0, note, key, null);
  }

  /** An item an update found gone, to create again. */
  static PendingCreate recreate(WriteOp op, ObjectNode fd, Target target, String goneItemId) {
    return new PendingCreate(
        op,
        fd,
        target,
        Outcome.RECREATED,
        Slugs.of(fd),
        0,
        "item " + goneItemId + " was gone from Webflow; created it again",
        null,
        goneItemId);
  }

  String slug() {
    return Slugs.of(fd);
  }

  /** The same item under suffix number {@code n} ({@code 0}: the base slug). */
  PendingCreate withAttempt(int n) {
    if (n == attempt) {
      return this;
    }
    ObjectNode copy = fd.deepCopy();
    String slug = n == 0 ? baseSlug : Slugs.withSuffix(baseSlug, n + 1);
    copy.put("slug", slug);
    String why = n == 0 ? null : "slug '" + baseSlug + "' taken, used '" + slug + "'";
    String base = note;
    if (base != null && base.contains("slug '" + baseSlug + "' taken")) {
      base = base.substring(0, base.indexOf("slug '" + baseSlug + "' taken"));
      base = base.endsWith("; ") ? base.substring(0, base.length() - 2) : base;
      base = base.isEmpty() ? null : base;
    }
    String newNote = why == null ? base : base == null ? why : base + "; " + why;
    return new PendingCreate(
        op, copy, target, outcome, baseSlug, n, newNote, createKey, goneItemId);
  }
}
