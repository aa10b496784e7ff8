package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.LocaleFields;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowLocale;
import dev.syncengine.webflow.WebflowLocaleClient;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One write call's view of secondary locales. An upsert's locale values travel in its fieldData
 * under {@link LocaleFields#KEY} (locale = {@code cmsLocaleId}); the item's variants share its id
 * (the spec's localized examples list one {@code id} per locale), so the id map keeps one item id
 * and the snapshot keeps what each locale last received. How each call addresses the variants:
 *
 * <ul>
 *   <li>create: {@code POST .../items/bulk} with {@code cmsLocaleIds} = primary + secondary; the
 *       variants start as copies and get their own values by a PATCH (the create takes one {@code
 *       fieldData} for all locales);
 *   <li>update: {@code PATCH .../items} (or {@code /live}) with one entry per variant, each with
 *       its {@code cmsLocaleId}, in the same request as the primary's entry;
 *   <li>delete, unpublish, publish: {@code items[{id, cmsLocaleIds}]} naming every locale.
 * </ul>
 *
 * Not thread-safe (one per write call).
 */
final class Localization {
  private final WebflowClient client;
  private final WebflowLocaleClient api;
  private final String siteId;
  private final SiteLocales site;
  // ops whose locale values went out in this call
  private final Set<WriteOp> sent = Collections.newSetFromMap(new IdentityHashMap<>());
  // ops whose variants go after their item's update, not with it
  private final Set<WriteOp> deferred = Collections.newSetFromMap(new IdentityHashMap<>());

  Localization(WebflowClient client, String siteId, SiteLocales site) {
    this.client = client;
    this.api = new WebflowLocaleClient(client);
    this.siteId = siteId;
    this.site = site;
  }

  WebflowLocaleClient api() {
    return api;
  }

  /** The op's secondary-locale values: an upsert's own; empty for a delete or without locales. */
  static Map<String, ObjectNode> values(WriteOp op) {
    return op instanceof WriteOp.Upsert u ? LocaleFields.of(u.fieldData()) : Map.of();
  }

  static boolean localized(WriteOp op) {
    return !values(op).isEmpty();
  }

  static boolean anyLocalized(List<? extends WriteOp> ops) {
    return ops.stream().anyMatch(Localization::localized);
  }

  /** What the id map keeps for a success: the primary's values plus the op's locale values. */
  static ObjectNode snapshot(WriteOp op, ObjectNode primary) {
    Map<String, ObjectNode> locales = values(op);
    return locales.isEmpty() || primary == null ? primary : LocaleFields.with(primary, locales);
  }

  /** The secondary locales the item of {@code m} was last written in (its snapshot's keys). */
  static Set<String> writtenIn(IdMapping m) {
    return m == null ? Set.of() : LocaleFields.of(m.snapshot()).keySet();
  }

  /** Primary first, then every secondary locale of the ops (their values or their snapshots). */
  List<String> allLocales(List<? extends WriteOp> ops, Map<WriteOp, IdMapping> found) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(primaryId());
    for (WriteOp op : ops) {
      ids.addAll(values(op).keySet());
      IdMapping m = found.getOrDefault(op, op.existing());
      ids.addAll(writtenIn(m));
    }
    return new ArrayList<>(ids);
  }

  /** The site's primary {@code cmsLocaleId}, read once per site. */
  String primaryId() {
    if (siteId == null) {
      throw unknown("the connection's target names no site");
    }
    for (WebflowLocale l : site.get(client, siteId)) {
      if (l.primary()) {
        return l.cmsLocaleId();
      }
    }
    throw unknown("site " + siteId + " lists no primary locale");
  }

  private static SyncException unknown(String why) {
    return new SyncException(
        SyncError.permanent(
            WebflowErrorCodes.LOCALES_UNKNOWN,
            "the mapping writes secondary locales but " + why,
            "locales"));
  }

  /**
   * The variant entries to send in the same request as an update of {@code op}'s item. A {@code
   * fresh} item (adopted or re-created: made by a create across every mapped locale) gets all its
   * variants. Else only the variants its snapshot lists, the ones it is known to have: all of them
   * on a change of state, which every variant follows ({@code all}), else those whose values
   * changed. A variant the snapshot does not list (a locale mapped after the item was made) is left
   * to {@link LocaleFollowUp}, so a refusal of it cannot pass for the item being gone.
   */
  List<ItemUpdate> inline(WriteOp op, String itemId, Target t, boolean fresh, boolean all) {
    if (deferred.contains(op)) {
      return List.of();
    }
    Set<String> known = fresh ? values(op).keySet() : writtenIn(op.existing());
    return entries(op, itemId, t, known::contains, all || fresh);
  }

  /** Whether {@link #inline} sends every variant the op has that needs writing. */
  boolean allInline(WriteOp op, boolean fresh) {
    return !deferred.contains(op)
        && (fresh || writtenIn(op.existing()).containsAll(values(op).keySet()));
  }

  /**
   * The variant entries an item written without them still needs: every variant of a new or adopted
   * item; for an updated one, those {@link #inline} left out.
   */
  List<ItemUpdate> missing(WriteOp op, String itemId, Target t, boolean updated) {
    Set<String> known = updated && !deferred.contains(op) ? writtenIn(op.existing()) : Set.of();
    return entries(op, itemId, t, l -> !known.contains(l), true);
  }

  private List<ItemUpdate> entries(
      WriteOp op, String itemId, Target t, Predicate<String> which, boolean all) {
    List<ItemUpdate> out = new ArrayList<>();
    Map<String, ObjectNode> before =
        op.existing() == null ? Map.of() : LocaleFields.of(op.existing().snapshot());
    for (Map.Entry<String, ObjectNode> e : values(op).entrySet()) {
      if (which.test(e.getKey()) && (all || !e.getValue().equals(before.get(e.getKey())))) {
        out.add(
            new ItemUpdate(
                itemId, e.getValue(), t == Target.DRAFT, t == Target.ARCHIVED, e.getKey()));
      }
    }
    return out;
  }

  /**
   * {@code POST .../items/bulk} of a chunk of creates, in the primary and every secondary locale;
   * returns the items as created in the primary locale.
   */
  List<dev.syncengine.webflow.WebflowItem> create(
      String collectionId, List<dev.syncengine.webflow.NewItem> items, List<PendingCreate> chunk) {
    List<WriteOp> ops = chunk.stream().map(PendingCreate::op).toList();
    String primary = primaryId();
    // One entry per item and locale: the primary's stand for the items (an answer in the
    // response schema's single-object shape names no cmsLocaleId).
    return api.createItems(collectionId, items, allLocales(ops, Map.of())).stream()
        .filter(i -> i.cmsLocaleId() == null || i.cmsLocaleId().equals(primary))
        .toList();
  }

  /** How many items fit one PATCH when each brings its variants along. */
  static int itemsPerCall(List<? extends WriteOp> ops) {
    int most = 0;
    for (WriteOp op : ops) {
      most = Math.max(most, values(op).size());
    }
    return Math.max(1, CmsPaths.MAX_BULK / (1 + most));
  }

  /**
   * Sends {@code op}'s variants after its item's update instead of with it: a 404 to the update may
   * mean a variant is missing, which must not pass for the item being gone.
   */
  void defer(WriteOp op) {
    deferred.add(op);
  }

  void sent(WriteOp op) {
    sent.add(op);
  }

  boolean wasSent(WriteOp op) {
    return sent.contains(op);
  }
}
