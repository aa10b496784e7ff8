package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.CreateOutcomeUnknownException;
import dev.syncengine.webflow.ItemPage;
import dev.syncengine.webflow.ItemQuery;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.NewItem;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowItem;
import dev.syncengine.webflow.WebflowValidationException;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates items in bulk calls of up to 100 and makes sure each record gets exactly one item: a
 * whole-batch 400 is narrowed down to the bad items (the slug Webflow quotes, else by halving), a
 * taken slug is adopted when the item is ours or retried with {@code -2}, {@code -3}, ..., and a
 * create whose outcome is unknown is resolved by looking the slugs up before anything is sent
 * again. Not thread-safe (one per write call).
 */
final class ItemCreator {
  /** How many times one chunk may come back "unknown" before its items fail as retryable. */
  private static final int MAX_UNKNOWN_ROUNDS = 3;

  /**
   * One item to create.
   *
   * @param fd the fieldData to send (slug possibly suffixed)
   * @param baseSlug the slug before any suffix
   * @param attempt how many suffixes were tried
   */
  record Pending(
      WriteOp op,
      ObjectNode fd,
      Target target,
      Outcome outcome,
      String baseSlug,
      int attempt,
      String note) {

    static Pending of(WriteOp op, ObjectNode fd, Target target, Outcome outcome, String note) {
      return new Pending(op, fd, target, outcome, Slugs.of(fd), 0, note);
    }

    Pending nextSlug() {
      int n = attempt + 2;
      ObjectNode copy = fd.deepCopy();
      String slug = Slugs.withSuffix(baseSlug, n);
      copy.put("slug", slug);
      String why = "slug '" + baseSlug + "' taken, used '" + slug + "'";
      return new Pending(
          op, copy, target, outcome, baseSlug, attempt + 1, note == null ? why : note + "; " + why);
    }
  }

  private final WriteContext ctx;
  private final WebflowClient client;

  ItemCreator(WriteContext ctx) {
    this.ctx = ctx;
    this.client = ctx.client;
  }

  void createAll(List<Pending> pending) {
    Map<Target, List<Pending>> byTarget = new LinkedHashMap<>();
    pending.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
    for (List<Pending> group : byTarget.values()) {
      for (int i = 0; i < group.size(); i += WebflowClient.MAX_BULK) {
        createChunk(group.subList(i, Math.min(group.size(), i + WebflowClient.MAX_BULK)), 0);
      }
    }
  }

  private void createChunk(List<Pending> chunk, int unknownRounds) {
    if (chunk.isEmpty()) {
      return;
    }
    Target t = chunk.get(0).target();
    List<NewItem> items = new ArrayList<>();
    for (Pending p : chunk) {
      items.add(new NewItem(p.fd(), t == Target.DRAFT, t == Target.ARCHIVED));
    }
    try {
      List<WebflowItem> made = client.createItems(ctx.collectionId, items, t.live());
      Map<String, WebflowItem> bySlug = new HashMap<>();
      made.forEach(i -> bySlug.put(i.slug(), i));
      List<Pending> unmatched = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        Pending p = chunk.get(i);
        WebflowItem item = bySlug.get(Slugs.of(p.fd()));
        if (item == null && made.size() == chunk.size() && made.get(i).slug() == null) {
          item = made.get(i); // an answer without fieldData: fall back on Webflow's order
        }
        if (item == null) {
          unmatched.add(p);
        } else {
          ctx.succeed(p.op(), p.outcome(), item.id(), p.fd(), t, p.note());
        }
      }
      if (!unmatched.isEmpty()) {
        resolveUnknown(unmatched, unknownRounds + 1);
      }
    } catch (WebflowValidationException e) {
      ctx.throwIfWholeBatch(e);
      isolate(chunk, e, unknownRounds);
    } catch (CreateOutcomeUnknownException e) {
      resolveUnknown(chunk, unknownRounds + 1);
    } catch (WebflowException e) {
      chunk.forEach(p -> ctx.fail(p.op(), e));
    }
  }

  /** A whole-chunk 400: find the bad items, write the rest. */
  private void isolate(List<Pending> chunk, WebflowValidationException e, int rounds) {
    if (chunk.size() == 1) {
      rejected(chunk.get(0), e, rounds);
      return;
    }
    String quoted = Slugs.quotedSlug(e);
    if (quoted != null && Slugs.isCollision(e)) {
      List<Pending> culprits = new ArrayList<>();
      List<Pending> rest = new ArrayList<>();
      chunk.forEach(p -> (Slugs.of(p.fd()).equals(quoted) ? culprits : rest).add(p));
      if (!culprits.isEmpty() && !rest.isEmpty()) {
        culprits.forEach(p -> rejected(p, e, rounds));
        createChunk(rest, rounds);
        return;
      }
    }
    int half = chunk.size() / 2;
    createChunk(new ArrayList<>(chunk.subList(0, half)), rounds);
    createChunk(new ArrayList<>(chunk.subList(half, chunk.size())), rounds);
  }

  /** One item Webflow refused. */
  private void rejected(Pending p, WebflowValidationException e, int rounds) {
    if (!Slugs.isCollision(e)) {
      ctx.fail(p.op(), WriteContext.error(e));
      return;
    }
    try {
      WebflowItem existing = client.findBySlug(ctx.collectionId, Slugs.of(p.fd())).orElse(null);
      if (existing != null && isOurs(p, existing)) {
        adopt(p, existing);
      } else {
        nextSlugOrFail(p, rounds);
      }
    } catch (WebflowException lookupFailed) {
      ctx.fail(p.op(), lookupFailed);
    }
  }

  private void nextSlugOrFail(Pending p, int rounds) {
    if (p.attempt() >= ctx.maxSlugAttempts) {
      ctx.fail(
          p.op(),
          SyncError.permanent(
              "slug_taken",
              "slug '" + p.baseSlug() + "' and " + p.attempt() + " suffixed variants are taken",
              "slug"));
      return;
    }
    createChunk(List.of(p.nextSlug()), rounds);
  }

  /**
   * The create may or may not have happened. Look first: the newest items (one request), then each
   * slug not seen there. Only slugs shown to be absent are created again.
   */
  private void resolveUnknown(List<Pending> chunk, int rounds) {
    if (rounds > MAX_UNKNOWN_ROUNDS) {
      chunk.forEach(
          p ->
              ctx.fail(
                  p.op(),
                  SyncError.retryable(
                      "create_outcome_unknown", "Webflow did not confirm the create")));
      return;
    }
    List<Pending> absent = new ArrayList<>();
    try {
      ItemPage recent =
          client.listItems(ctx.collectionId, ItemQuery.all().sortedBy("createdOn", true));
      Map<String, WebflowItem> bySlug = new HashMap<>();
      recent.items().forEach(i -> bySlug.put(i.slug(), i));
      boolean wholeCollection = recent.total() <= recent.items().size();
      for (Pending p : chunk) {
        String slug = Slugs.of(p.fd());
        WebflowItem found = bySlug.get(slug);
        if (found == null && !wholeCollection) {
          found = client.findBySlug(ctx.collectionId, slug).orElse(null);
        }
        if (found == null) {
          absent.add(p);
        } else if (isOurs(p, found)) {
          adopt(p, found);
        } else {
          // Someone else holds the slug, so our create cannot have happened.
          nextSlugOrFail(p, rounds);
        }
      }
    } catch (WebflowException e) {
      WriteContext.throwIfWholeBatch(e);
      chunk.stream()
          .filter(p -> !absent.contains(p))
          .forEach(
              p ->
                  ctx.fail(
                      p.op(),
                      new SyncError(
                          "create_outcome_unknown",
                          "create unconfirmed and lookup failed: " + e.getMessage(),
                          null,
                          true,
                          null,
                          null)));
    }
    createChunk(absent, rounds);
  }

  private boolean isOurs(Pending p, WebflowItem item) {
    return Ownership.isOurs(p.op().recordId(), p.fd(), item.fieldData(), ctx.markerField);
  }

  private void adopt(Pending p, WebflowItem item) {
    Target t = p.target();
    if (t == Target.LIVE && item.lastPublished() == null) {
      t = Target.STAGED_PUBLISH; // made by a lost staged create: publish it now
    }
    String note = "adopted item " + item.id() + " that a lost create had made";
    if (!Ownership.contains(item.fieldData(), p.fd())) {
      // Ours by its record-id marker but holding other values (an older write, or an edit in
      // Webflow): bring it to what we sent, since the snapshot we report claims exactly that.
      ObjectNode patch = p.fd().deepCopy();
      if (Slugs.of(patch).equals(item.slug())) {
        patch.remove("slug");
      }
      try {
        client.updateItem(
            ctx.collectionId,
            new ItemUpdate(item.id(), patch, t == Target.DRAFT, t == Target.ARCHIVED),
            t.live());
      } catch (WebflowException e) {
        ctx.fail(p.op(), e);
        return;
      }
      note += " and updated it to the values sent";
    }
    ctx.succeed(
        p.op(),
        p.outcome() == Outcome.RECREATED ? Outcome.RECREATED : Outcome.ADOPTED,
        item.id(),
        p.fd(),
        t,
        p.note() == null ? note : p.note() + "; " + note);
  }
}
