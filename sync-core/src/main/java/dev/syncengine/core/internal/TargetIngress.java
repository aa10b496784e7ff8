package dev.syncengine.core.internal;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.TargetChangeStore;
import dev.syncengine.core.spi.TargetWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One webhook delivery from the target of a two-way connection, from request to a durable row of
 * the target change stream: look up the connection, check it opted in, let its sink authenticate
 * and parse, store (deduped by delivery key), report refusals. Makes no outbound call. Thread-safe.
 */
public final class TargetIngress {
  private final ConnectionRuntime runtime;
  private final TargetChangeStore store;
  private final Problems problems;
  private final Clock clock;
  private final Predicate<ConnectionConfig> enabled;
  private final Duration retryAfter = Ingress.RETRY_AFTER;
  private final Runnable stored;

  public TargetIngress(
      ConnectionRuntime runtime,
      TargetChangeStore store,
      Problems problems,
      Clock clock,
      Predicate<ConnectionConfig> enabled,
      Runnable stored) {
    this.stored = stored;
    this.runtime = runtime;
    this.store = store;
    this.problems = problems;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Never throws for bad input or a store outage; the result says what happened. */
  public IngestResult ingest(String connectionId, IngestRequest request) {
    Optional<ConnectionConfig> found;
    try {
      found = runtime.connection(connectionId);
    } catch (StoreUnavailableException e) {
      problems.refused(null, null, ErrorCodes.STORE_UNAVAILABLE, "store unavailable: " + e);
      return new IngestResult.Unavailable(retryAfter);
    }
    if (found.isEmpty()) {
      problems.refused(null, null, "unknown_connection", "no connection '" + connectionId + "'");
      return new IngestResult.NotFound(connectionId);
    }
    ConnectionConfig c = found.get();
    TargetWebhooks hooks = targetWebhooks(runtime, c);
    if (hooks == null || !enabled.test(c)) {
      // Said as "not found": a one-way connection has no such endpoint.
      problems.refused(connectionId, c, "two_way_off", "target delivery to a one-way connection");
      return new IngestResult.NotFound(connectionId);
    }
    Instant now = clock.instant();
    List<TargetChange> changes;
    try {
      changes = hooks.parseTargetChanges(c, request, now);
    } catch (IngressException e) {
      boolean unauthorized = e.kind() == IngressException.Kind.UNAUTHORIZED;
      problems.refused(
          connectionId,
          c,
          unauthorized ? Problems.code(e.getMessage()) : "malformed_body",
          e.getMessage());
      return unauthorized
          ? new IngestResult.Unauthorized(e.getMessage())
          : new IngestResult.Rejected(e.getMessage(), e.field());
    } catch (RuntimeException e) {
      problems.refused(connectionId, c, "unparseable", "the sink failed to parse it: " + e);
      return new IngestResult.Rejected("the body could not be parsed", null);
    }
    List<TargetChange> stamped = new ArrayList<>(changes.size());
    for (TargetChange t : changes) {
      if (!t.connectionId().equals(connectionId)) {
        problems.refused(connectionId, c, "wrong_connection", "change for another connection");
        return new IngestResult.Rejected("change for another connection", null);
      }
      stamped.add(t.withReceivedAt(now));
    }
    return store(c, stamped);
  }

  /** The connection's sink as {@link TargetWebhooks}, or null when it is none or unknown. */
  static TargetWebhooks targetWebhooks(ConnectionRuntime runtime, ConnectionConfig c) {
    try {
      return runtime.sink(c) instanceof TargetWebhooks t ? t : null;
    } catch (IllegalStateException noSuchSink) {
      return null;
    }
  }

  private IngestResult store(ConnectionConfig c, List<TargetChange> stamped) {
    List<EnqueueResult> results;
    try {
      results = stamped.isEmpty() ? List.of() : store.append(stamped);
    } catch (RuntimeException e) {
      // Unavailable or failing alike: nothing is acknowledged, the target delivers again.
      problems.refused(c.id(), c, ErrorCodes.STORE_UNAVAILABLE, "store failed, not accepted: " + e);
      return new IngestResult.Unavailable(retryAfter);
    }
    List<IngestResult.AcceptedEvent> accepted = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      EnqueueResult r = results.get(i);
      accepted.add(
          new IngestResult.AcceptedEvent(stamped.get(i).deliveryKey(), r.jobId(), r.duplicate()));
    }
    problems.accepted(c.id());
    stored.run();
    return new IngestResult.Accepted(accepted);
  }
}
