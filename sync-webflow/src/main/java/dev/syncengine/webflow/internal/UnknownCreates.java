package dev.syncengine.webflow.internal;

import dev.syncengine.core.spi.SyncError;
import dev.syncengine.webflow.ItemPage;
import dev.syncengine.webflow.ItemQuery;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Settles creates whose outcome is unknown by looking before anything is sent again: a create of an
 * earlier call that was never confirmed (the record's create key), and a create of this call that
 * Webflow did not confirm. Only slugs shown to be absent are created again. Not thread-safe (one
 * per write call).
 */
final class UnknownCreates {
  /** How many times one chunk may come back "unknown" before its items fail as retryable. */
  static final int MAX_UNKNOWN_ROUNDS = 3;

  private final WriteContext ctx;
  private final WebflowClient client;
  private final SlugIndex slugs;
  private final ItemAdopter adopter;
  private final SlugPlanner planner;
  private final BiConsumer<List<PendingCreate>, Integer> resend;

  /**
   * @param resend creates the given items again, in the given round of unknown outcomes
   */
  UnknownCreates(
      WriteContext ctx,
      ItemAdopter adopter,
      SlugPlanner planner,
      BiConsumer<List<PendingCreate>, Integer> resend) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.slugs = ctx.slugs;
    this.adopter = adopter;
    this.planner = planner;
    this.resend = resend;
  }

  /**
   * The newest items by slug, and whether they are the whole collection.
   *
   * @param bySlug newest items by slug
   * @param whole whether they are all the collection holds
   */
  record Recent(Map<String, WebflowItem> bySlug, boolean whole) {
    static final Recent NONE = new Recent(Map.of(), false);
  }

  /**
   * With several unconfirmed creates to resolve (a crash mid-burst), one listing of the newest
   * items finds most of them: only the keys not seen there cost a look-up each.
   */
  Recent recentItems(long keys) {
    if (keys < 2) {
      return Recent.NONE;
    }
    try {
      ItemPage page =
          client.listItems(ctx.collectionId, ItemQuery.all().sortedBy("createdOn", true));
      Map<String, WebflowItem> bySlug = new HashMap<>();
      page.items().forEach(i -> bySlug.put(i.slug(), i));
      return new Recent(bySlug, page.total() <= page.items().size());
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      return Recent.NONE; // each key is looked up on its own
    }
  }

  /**
   * An earlier create of this record was never confirmed: find the item holding its slug. True when
   * the op is settled (adopted, or failed because nobody can tell), false to create.
   */
  boolean recoverIntent(PendingCreate p, Recent recent) {
    String key = p.createKey();
    try {
      WebflowItem found = recent.bySlug().get(key);
      if (found == null && !recent.whole()) {
        found = client.findBySlug(ctx.collectionId, key).orElse(null);
      }
      if (found == null) {
        SlugIndex.Entry held = slugs.get(key);
        if (held != null && held.itemId() != null) {
          slugs.forget(key, held.itemId());
        }
        // The create never happened: its slug, held back while that was unknown, is free again.
        slugs.confirmedAbsent(key);
        return false;
      }
      slugs.put(found);
      if (!adopter.sentByUs(p, found.id(), found.fieldData())) {
        return false;
      }
      adopter.adoptAsUpdate(
          p, found.id(), key, "an unconfirmed create had made (create key '" + key + "')");
      return true;
    } catch (WebflowException e) {
      // Creating now could make a second item: try again later.
      ctx.fail(
          p.op(),
          new SyncError(
              WebflowErrorCodes.CREATE_OUTCOME_UNKNOWN,
              "an earlier create is unconfirmed and its look-up failed: " + e.getMessage(),
              null,
              true,
              null,
              null));
      WriteContext.throwIfWholeBatch(e);
      return true;
    }
  }

  /**
   * The create may or may not have happened. Look first: the newest items (one request), then each
   * slug not seen there. Only slugs shown to be absent are created again.
   */
  void resolveUnknown(List<PendingCreate> chunk, int rounds) {
    if (rounds > MAX_UNKNOWN_ROUNDS) {
      failUnconfirmed(chunk);
      return;
    }
    List<PendingCreate> absent = new ArrayList<>();
    List<PendingCreate> settled = new ArrayList<>();
    try {
      ItemPage recent =
          client.listItems(ctx.collectionId, ItemQuery.all().sortedBy("createdOn", true));
      Map<String, WebflowItem> bySlug = new HashMap<>();
      recent.items().forEach(i -> bySlug.put(i.slug(), i));
      boolean wholeCollection = recent.total() <= recent.items().size();
      for (PendingCreate p : chunk) {
        String slug = p.slug();
        WebflowItem found = bySlug.get(slug);
        if (found == null && !wholeCollection) {
          found = client.findBySlug(ctx.collectionId, slug).orElse(null);
        }
        settled.add(p);
        if (found == null) {
          absent.add(p);
        } else if (adopter.madeByThisCreate(p, found)) {
          slugs.put(found);
          adopter.adopt(p, found);
        } else {
          // Someone else holds the slug, so our create cannot have happened.
          slugs.put(found);
          PendingCreate next = planner.plan(p, p.attempt() + 1);
          if (next != null) {
            absent.add(next);
          }
        }
      }
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      failLookup(chunk.stream().filter(p -> !settled.contains(p)).toList(), e);
    }
    resend.accept(absent, rounds);
  }

  /** Too many rounds without a confirmation: retry later, keeping the slugs reserved. */
  private void failUnconfirmed(List<PendingCreate> chunk) {
    chunk.forEach(
        p -> {
          slugs.unconfirmed(p.slug());
          ctx.fail(
              p.op(),
              SyncError.retryable(
                  WebflowErrorCodes.CREATE_OUTCOME_UNKNOWN, "Webflow did not confirm the create"));
        });
  }

  /** The look-up failed: nobody can tell whether these were created; retry them later. */
  private void failLookup(List<PendingCreate> unsettled, WebflowException e) {
    unsettled.forEach(
        p -> {
          slugs.unconfirmed(p.slug());
          ctx.fail(
              p.op(),
              new SyncError(
                  WebflowErrorCodes.CREATE_OUTCOME_UNKNOWN,
                  "create unconfirmed and lookup failed: " + e.getMessage(),
                  null,
                  true,
                  null,
                  null));
        });
  }
}
