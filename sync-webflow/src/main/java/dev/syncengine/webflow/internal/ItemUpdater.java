package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowConflictException;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowNotFoundException;
import dev.syncengine.webflow.WebflowValidationException;
import dev.syncengine.webflow.internal.WriteContext.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates items in bulk calls of up to 100. A live update of a never-published item (409) is redone
 * staged and published; an item gone from Webflow (404) is created again; a 400 is narrowed down to
 * the bad items. Not thread-safe (one per write call).
 */
final class ItemUpdater {
  /**
   * One item to update.
   *
   * @param full the item's complete fieldData after the update (for the snapshot)
   * @param patch what is sent: {@code full} without an unchanged slug
   */
  record Pending(
      WriteOp op, String itemId, ObjectNode full, ObjectNode patch, Target target, int attempt) {}

  private final WriteContext ctx;
  private final ItemCreator creator;
  private final List<ItemCreator.Pending> recreate = new ArrayList<>();

  ItemUpdater(WriteContext ctx, ItemCreator creator) {
    this.ctx = ctx;
    this.creator = creator;
  }

  void updateAll(List<Pending> pending) {
    Map<Target, List<Pending>> byTarget = new LinkedHashMap<>();
    pending.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
    for (Map.Entry<Target, List<Pending>> group : byTarget.entrySet()) {
      List<Pending> list = group.getValue();
      for (int i = 0; i < list.size(); i += WebflowClient.MAX_BULK) {
        updateChunk(
            list.subList(i, Math.min(list.size(), i + WebflowClient.MAX_BULK)), group.getKey());
      }
    }
    creator.createAll(recreate);
  }

  private void updateChunk(List<Pending> chunk, Target t) {
    if (chunk.isEmpty()) {
      return;
    }
    List<ItemUpdate> updates = new ArrayList<>();
    for (Pending p : chunk) {
      updates.add(new ItemUpdate(p.itemId(), p.patch(), t == Target.DRAFT, t == Target.ARCHIVED));
    }
    try {
      ctx.client.updateItems(ctx.collectionId, updates, t.live());
      chunk.forEach(p -> ctx.succeed(p.op(), Outcome.UPDATED, p.itemId(), p.full(), t, null));
    } catch (WebflowConflictException e) {
      if (t == Target.LIVE) {
        // Never published, so the live endpoint refuses it: write staged, then publish.
        updateChunk(chunk, Target.STAGED_PUBLISH);
      } else {
        isolate(chunk, t, e);
      }
    } catch (WebflowNotFoundException e) {
      WriteContext.throwIfWholeBatch(e);
      isolate(chunk, t, e);
    } catch (WebflowValidationException e) {
      isolate(chunk, t, e);
    } catch (WebflowException e) {
      chunk.forEach(p -> ctx.fail(p.op(), e));
    }
  }

  private void isolate(List<Pending> chunk, Target t, WebflowException e) {
    if (chunk.size() > 1) {
      int half = chunk.size() / 2;
      updateChunk(new ArrayList<>(chunk.subList(0, half)), t);
      updateChunk(new ArrayList<>(chunk.subList(half, chunk.size())), t);
      return;
    }
    Pending p = chunk.get(0);
    if (e instanceof WebflowNotFoundException) {
      recreate.add(
          ItemCreator.Pending.of(
              p.op(),
              p.full(),
              t,
              Outcome.RECREATED,
              "item " + p.itemId() + " was gone from Webflow; created it again"));
    } else if (e instanceof WebflowValidationException v
        && Slugs.isCollision(v)
        && p.patch().has("slug")
        && p.attempt() < ctx.maxSlugAttempts) {
      String base = Slugs.of(p.op() instanceof WriteOp.Upsert u ? u.fieldData() : p.full());
      String slug = Slugs.withSuffix(base, p.attempt() + 2);
      ObjectNode full = p.full().deepCopy().put("slug", slug);
      ObjectNode patch = p.patch().deepCopy().put("slug", slug);
      updateChunk(List.of(new Pending(p.op(), p.itemId(), full, patch, t, p.attempt() + 1)), t);
    } else if (e instanceof WebflowValidationException v && Slugs.isCollision(v)) {
      ctx.fail(p.op(), SyncError.permanent("slug_taken", v.getMessage(), "slug"));
    } else {
      ctx.fail(p.op(), e);
    }
  }
}
