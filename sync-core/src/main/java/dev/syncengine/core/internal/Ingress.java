package dev.syncengine.core.internal;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook delivery from request to durable queue rows: look up the connection, let its source
 * adapter authenticate and parse, stamp and enqueue (group-committed), report refusals. Makes no
 * outbound call. Thread-safe.
 */
public final class Ingress {
  private static final Logger log = LoggerFactory.getLogger(Ingress.class);

  private final ConnectionRuntime runtime;
  private final IngestBatcher batcher;
  private final Problems problems;
  private final SyncListener listener;
  private final Clock clock;
  private final WakeSignal wake;

  /** What {@link IngestResult.Unavailable} suggests to senders. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Duration retryAfter = RETRY_AFTER;

  /**
   * @param wake wakes idle workers when something new was queued; a pull is urgent (it also ends a
   *     worker's wait for a write slot, as a pull needs none)
   */
  public Ingress(
      ConnectionRuntime runtime,
      IngestBatcher batcher,
      Problems problems,
      SyncListener listener,
      Clock clock,
      WakeSignal wake) {
    this.runtime = runtime;
    this.batcher = batcher;
    this.problems = problems;
    this.listener = listener;
    this.clock = clock;
    this.wake = wake;
  }

  /** What {@code SyncEngine.ingest} documents: never throws for bad input or a store outage. */
  public IngestResult ingest(String connectionId, IngestRequest request) {
    Optional<ConnectionConfig> found;
    try {
      found = runtime.connection(connectionId);
    } catch (StoreUnavailableException e) {
      // The id is unchecked (the store could not say), so it is not used as a tag.
      problems.refused(
          null, null, ErrorCodes.STORE_UNAVAILABLE, "store unavailable: " + e.getMessage());
      return new IngestResult.Unavailable(retryAfter);
    }
    if (found.isEmpty()) {
      // Whoever calls chooses the id: neither logged per id nor a tag, so it cannot flood.
      problems.refused(null, null, "unknown_connection", "no connection '" + connectionId + "'");
      return new IngestResult.NotFound(connectionId);
    }
    ConnectionConfig c = found.get();
    List<ChangeEvent> stamped = new ArrayList<>();
    IngestResult refused = parse(c, request, stamped);
    if (refused != null) {
      return refused;
    }
    List<EnqueueResult> results;
    try {
      results = stamped.isEmpty() ? List.of() : batcher.enqueue(stamped);
    } catch (StoreUnavailableException e) {
      problems.refused(
          connectionId, c, ErrorCodes.STORE_UNAVAILABLE, "store unavailable, not accepted: " + e);
      return new IngestResult.Unavailable(retryAfter);
    }
    return accepted(connectionId, stamped, results);
  }

  /** Parses and stamps the delivery into {@code out}; the refusal, or null when it parsed. */
  private IngestResult parse(ConnectionConfig c, IngestRequest request, List<ChangeEvent> out) {
    String connectionId = c.id();
    List<ChangeEvent> events;
    try {
      events = runtime.sourceSession(c).parse(request);
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
      // An adapter that fails on odd input must not turn a bad request into a 5xx.
      problems.refused(
          connectionId, c, "unparseable", "the source adapter failed to parse it: " + e);
      return new IngestResult.Rejected("the body could not be parsed", null);
    }
    Instant now = clock.instant();
    for (ChangeEvent e : events) {
      if (!e.connectionId().equals(connectionId)) {
        problems.refused(connectionId, c, "wrong_connection", "event for another connection");
        return new IngestResult.Rejected("event for another connection", null);
      }
      out.add(e.withReceivedAt(now));
    }
    return null;
  }

  private IngestResult accepted(
      String connectionId, List<ChangeEvent> stamped, List<EnqueueResult> results) {
    List<IngestResult.AcceptedEvent> accepted = new ArrayList<>(results.size());
    int duplicates = 0;
    for (int i = 0; i < results.size(); i++) {
      EnqueueResult r = results.get(i);
      String key = stamped.get(i).idempotencyKey();
      accepted.add(
          new IngestResult.AcceptedEvent(
              key != null ? key : "job-" + r.jobId(), r.jobId(), r.duplicate()));
      if (r.duplicate()) {
        duplicates++;
      }
    }
    if (duplicates < results.size()) {
      if (stamped.stream().anyMatch(e -> e.kind() == dev.syncengine.core.model.ChangeKind.PULL)) {
        wake.signalUrgent();
      } else {
        wake.signal();
      }
    }
    int dups = duplicates;
    problems.accepted(connectionId);
    try {
      listener.ingested(connectionId, results.size(), dups);
    } catch (RuntimeException e) {
      log.warn("sync listener failed: {}", e.toString());
    }
    return new IngestResult.Accepted(accepted);
  }
}
