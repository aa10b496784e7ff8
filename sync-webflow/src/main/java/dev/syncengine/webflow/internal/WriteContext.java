package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.WebflowAuthException;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowRateLimitedException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The state of one {@code write} call: where, how, and the results so far. Not thread-safe. */
public final class WriteContext {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WriteContext.class);

  /** Where an upserted item should end up. */
  public enum Target {
    /** Written with the live endpoints. */
    LIVE,
    /** Written staged, then published with the publish endpoint. */
    STAGED_PUBLISH,
    DRAFT,
    ARCHIVED;

    boolean live() {
      return this == LIVE;
    }

    String itemState() {
      return switch (this) {
        case LIVE, STAGED_PUBLISH -> "live";
        case DRAFT -> "draft";
        case ARCHIVED -> "archived";
      };
    }
  }

  final WebflowClient client;
  final String collectionId;
  final ConnectionConfig connection;
  final String markerField;
  final int maxSlugAttempts;
  final SlugIndex slugs;
  final CreateIntents intents;
  final dev.syncengine.webflow.WebflowPlanLimits planLimits;
  final Localization locales;
  private final Map<WriteOp, WriteResult> results = new IdentityHashMap<>();
  private final List<WriteResult> toPublish = new ArrayList<>();
  private final Map<WriteResult, WriteOp> publishOps = new IdentityHashMap<>();

  public WriteContext(
      WebflowClient client, ConnectionConfig connection, String markerField, int maxSlugAttempts) {
    this(
        client,
        connection,
        markerField,
        maxSlugAttempts,
        new SlugIndex(markerField),
        CreateIntents.NONE);
  }

  /**
   * @param slugs the collection's slug index, shared by the sink's writes to it
   * @param intents where creates are recorded before they are sent
   */
  public WriteContext(
      WebflowClient client,
      ConnectionConfig connection,
      String markerField,
      int maxSlugAttempts,
      SlugIndex slugs,
      CreateIntents intents) {
    this(client, connection, markerField, maxSlugAttempts, slugs, intents, new SiteLocales());
  }

  /**
   * @param siteLocales the locales of the sites the sink writes to, shared by its writes
   */
  public WriteContext(
      WebflowClient client,
      ConnectionConfig connection,
      String markerField,
      int maxSlugAttempts,
      SlugIndex slugs,
      CreateIntents intents,
      SiteLocales siteLocales) {
    this.locales = new Localization(client, connection.target().parentId(), siteLocales);
    this.slugs = slugs;
    this.intents = intents;
    this.client = client;
    this.connection = connection;
    this.collectionId = connection.target().id();
    this.markerField = markerField;
    this.maxSlugAttempts = maxSlugAttempts;
    this.planLimits = dev.syncengine.webflow.WebflowPlanLimits.of(connection);
  }

  Target target(WriteOp.Upsert u) {
    PublishMode mode = connection.publishMode();
    return switch (u.action() == null ? ItemAction.DEFAULT : u.action()) {
      case ARCHIVE -> Target.ARCHIVED;
      case DRAFT -> Target.DRAFT;
      case PUBLISH -> mode == PublishMode.LIVE ? Target.LIVE : Target.STAGED_PUBLISH;
      default ->
          switch (mode) {
            case LIVE -> Target.LIVE;
            case STAGED -> Target.STAGED_PUBLISH;
            case DRAFT -> Target.DRAFT;
          };
    };
  }

  /**
   * The primary locale's fieldData to send: the mapped values (without the secondary locales' ones,
   * see {@link Localization}) plus the record-id marker when configured.
   */
  ObjectNode outgoing(WriteOp.Upsert u) {
    ObjectNode fd = dev.syncengine.core.model.LocaleFields.primary(u.fieldData());
    if (markerField != null) {
      fd.put(markerField, u.recordId());
    }
    return fd;
  }

  /**
   * Records a success; items written staged for publishing wait for {@link #publishQueue()}.
   *
   * @param version the item's {@code lastUpdated} after the write, as Webflow answered it, or null
   *     when the answer did not say ({@link ItemVersions})
   */
  void succeed(
      WriteOp op,
      Outcome outcome,
      String itemId,
      ObjectNode fd,
      Target target,
      String note,
      java.time.Instant version) {
    WriteResult r =
        new WriteResult(
            op.recordId(),
            outcome,
            itemId,
            Localization.snapshot(op, fd),
            target.itemState(),
            null,
            note,
            version);
    results.put(op, r);
    if (target == Target.STAGED_PUBLISH) {
      toPublish.add(r);
      publishOps.put(r, op);
    }
  }

  void done(WriteOp op, WriteResult r) {
    results.put(op, r);
  }

  void fail(WriteOp op, SyncError error) {
    results.put(op, WriteResult.failed(op.recordId(), error));
  }

  /** Fails an op with what Webflow said; authorization failures abort the whole batch. */
  void fail(WriteOp op, WebflowException e) {
    throwIfWholeBatch(e);
    fail(op, error(e));
  }

  static void throwIfWholeBatch(WebflowException e) {
    if (e instanceof WebflowAuthException) {
      throw new SyncException(error(e), e);
    }
    if (WebflowErrorCodes.COLLECTION_NOT_FOUND.equals(e.code())) {
      throw new SyncException(error(e), e);
    }
  }

  /**
   * A 400 on data we thought valid is a bug of ours or a stale view: say what Webflow said (its
   * details name a field and a reason, never a credential).
   */
  void warnRefused(String what, WebflowException e) {
    StringBuilder details = new StringBuilder();
    for (var d : e.details()) {
      details.append(details.length() == 0 ? "" : "; ").append(d.param()).append(": ");
      details.append(d.description());
    }
    log.warn(
        "Webflow answered {} {} to {} in collection {}: {}",
        e.status(),
        e.code(),
        what,
        collectionId,
        details.length() == 0 ? e.getMessage() : details);
  }

  static SyncError error(WebflowException e) {
    String field = e.details().isEmpty() ? null : e.details().get(0).param();
    return new SyncError(
        e.code(),
        e.getMessage(),
        field,
        e.retryable(),
        e instanceof WebflowRateLimitedException rl ? rl.retryAfter() : null,
        null);
  }

  List<WriteResult> publishQueue() {
    return toPublish;
  }

  /** The result recorded for {@code op} so far, or null. */
  WriteResult result(WriteOp op) {
    return results.get(op);
  }

  WriteOp opOf(WriteResult r) {
    return publishOps.get(r);
  }

  List<WriteResult> results(List<WriteOp> order) {
    List<WriteResult> out = new ArrayList<>(order.size());
    for (WriteOp op : order) {
      WriteResult r = results.get(op);
      out.add(
          r != null
              ? r
              : WriteResult.failed(
                  op.recordId(),
                  SyncError.retryable(WebflowErrorCodes.NOT_WRITTEN, "no result was produced")));
    }
    return out;
  }
}
