package dev.syncengine.webflow.internal;

import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.ItemUpdate;
import dev.syncengine.webflow.WebflowLocaleClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Removes items that have locale variants, in every locale together: {@code DELETE .../items} and
 * {@code DELETE .../items/live} with {@code items[{id, cmsLocaleIds}]} ("Items will only be deleted
 * / unpublished in the primary locale unless a cmsLocaleId is included in the request",
 * webflow-openapi-v2.yml), and archiving by one {@code PATCH} entry per variant. Not thread-safe
 * (one per write call).
 */
final class LocaleRemover {
  /** {@link ItemRemover}'s way of running a call for a chunk, halving it on a 404. */
  @FunctionalInterface
  interface Runner {
    void run(
        List<WriteOp> chunk,
        Function<List<String>, Map<String, Instant>> call,
        Outcome outcome,
        List<WriteOp> failed);
  }

  private final WriteContext ctx;
  private final Map<WriteOp, IdMapping> found;

  LocaleRemover(WriteContext ctx, Map<WriteOp, IdMapping> found) {
    this.ctx = ctx;
    this.found = found;
  }

  void remove(List<WriteOp> chunk, DeleteMode mode, Runner runner) {
    List<String> locales = ctx.locales.allLocales(chunk, found);
    WebflowLocaleClient api = ctx.locales.api();
    String cid = ctx.collectionId;
    switch (mode) {
      case DELETE -> {
        List<WriteOp> live =
            chunk.stream()
                .filter(o -> "live".equals(found.getOrDefault(o, o.existing()).itemState()))
                .toList();
        List<WriteOp> failed = new ArrayList<>();
        if (!live.isEmpty()) {
          runner.run(
              live,
              ids -> {
                api.unpublishItems(cid, ids, locales);
                return Map.of();
              },
              null,
              failed);
        }
        List<WriteOp> rest = new ArrayList<>(chunk);
        rest.removeAll(failed);
        runner.run(
            rest,
            ids -> {
              api.deleteItems(cid, ids, locales);
              return Map.of();
            },
            Outcome.DELETED,
            failed);
      }
      case UNPUBLISH ->
          runner.run(
              chunk,
              ids -> {
                api.unpublishItems(cid, ids, locales);
                return Map.of(); // 204, no item: its version is not known
              },
              Outcome.UNPUBLISHED,
              new ArrayList<>());
      case ARCHIVE -> archive(chunk, locales, runner);
    }
  }

  /** One archiving entry per variant; as many items a request as fit 100 entries. */
  private void archive(List<WriteOp> chunk, List<String> locales, Runner runner) {
    List<String> secondary = locales.subList(1, locales.size());
    int per = Math.max(1, CmsPaths.MAX_BULK / locales.size());
    for (int i = 0; i < chunk.size(); i += per) {
      runner.run(
          new ArrayList<>(chunk.subList(i, Math.min(chunk.size(), i + per))),
          ids -> {
            List<ItemUpdate> entries = new ArrayList<>();
            for (String id : ids) {
              entries.add(new ItemUpdate(id, null, null, true));
              secondary.forEach(l -> entries.add(new ItemUpdate(id, null, null, true, l)));
            }
            return ItemVersions.byItem(
                ctx.client.updateItems(ctx.collectionId, entries, false), entries);
          },
          Outcome.ARCHIVED,
          new ArrayList<>());
    }
  }
}
