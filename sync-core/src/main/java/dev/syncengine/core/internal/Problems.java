package dev.syncengine.core.internal;

import dev.syncengine.core.ConnectionProblems;
import dev.syncengine.core.ConnectionProblems.Problem;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.ConnectionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures that need a person are reported: refused deliveries, failed webhook
 * registrations, upstream errors and dead letters. Each is logged at WARN with the connection id
 * (and job and record where there is one), counted through the {@link SyncListener} and kept as the
 * connection's latest problem of its kind until it recovers.
 *
 * <p>Repeated identical WARNs (same kind, connection and code) are rate-limited: the first is
 * logged, the rest of the minute only counted, then one summary line says how many more there were.
 * Counts handed to the listener and kept here are exact. Messages pass {@link #scrub} first.
 * Thread-safe.
 */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  /** How long identical WARNs are summarised instead of printed. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  /** The connection id used for deliveries to connections that do not exist. */
  public static final String UNKNOWN_CONNECTION = "unknown";

  private enum Kind {
    REFUSED("webhook delivery for connection %s refused (%s)"),
    REGISTRATION("webhook registration for connection %s failed (%s)"),
    UPSTREAM("upstream error for connection %s (%s)"),
    DEAD("job sent to dead letter for connection %s (%s)"),
    SCHEMA("mapping rules paused for schema drift on connection %s (%s)");

    final String summary;

    Kind(String summary) {
      this.summary = summary;
    }
  }

  private record Key(Kind kind, String connectionId, String code) {}

  /** A rate-limit window: when it opened and how many lines it swallowed. */
  private static final class Window {
    final Instant opened;
    long suppressed;

    Window(Instant opened) {
      this.opened = opened;
    }
  }

  private final SyncListener listener;
  private final Clock clock;
  private final Map<Key, Window> windows = new ConcurrentHashMap<>();
  private final Map<String, Map<Kind, Problem>> latest = new ConcurrentHashMap<>();

  public Problems(SyncListener listener, Clock clock) {
    this.listener = listener;
    this.clock = clock;
  }

  // ---- reports --------------------------------------------------------------------------------

  /**
   * A delivery was refused. {@code connection} is null when the connection does not exist (its id,
   * chosen by whoever called, is then neither logged per id nor used as a tag).
   */
  public void refused(String connectionId, ConnectionConfig connection, String code, String why) {
    String id = connectionId == null ? UNKNOWN_CONNECTION : connectionId;
    String message = scrub(why, connection);
    Problem p = remember(Kind.REFUSED, id, code, message, null, null, null);
    Outcomes.safe(() -> listener.rejected(id, code));
    warn(
        Kind.REFUSED,
        id,
        code,
        "webhook delivery for connection {} refused ({}): {}; {} refused since {}",
        id,
        code,
        message,
        p.count(),
        p.firstAt());
  }

  /** A delivery was accepted: the connection's refusal, if any, is over. */
  public void accepted(String connectionId) {
    clear(connectionId, Kind.REFUSED);
  }

  /** Registering, repairing or keeping alive the webhook failed. */
  public void registrationFailed(
      ConnectionConfig connection, String operation, String code, String why) {
    String message = scrub(why, connection);
    remember(Kind.REGISTRATION, connection.id(), code, message, operation, null, null);
    Outcomes.safe(() -> listener.webhookRegistrationFailed(connection.id(), code));
    warn(
        Kind.REGISTRATION,
        connection.id(),
        code,
        "webhook {} for connection {} failed ({}): {}",
        operation,
        connection.id(),
        code,
        message);
  }

  /** The webhook was registered or found healthy. */
  public void registered(String connectionId) {
    clear(connectionId, Kind.REGISTRATION);
  }

  /** A call to the source or target failed (or an item failed with a retryable upstream error). */
  public void upstream(
      ConnectionConfig connection,
      String operation,
      String code,
      String why,
      Long jobId,
      String recordId) {
    String message = scrub(why, connection);
    remember(Kind.UPSTREAM, connection.id(), code, message, operation, jobId, recordId);
    Outcomes.safe(() -> listener.upstreamError(connection.id(), operation, code));
    warn(
        Kind.UPSTREAM,
        connection.id(),
        code,
        "upstream error for connection {} during {} ({}){}: {}",
        connection.id(),
        operation,
        code,
        jobId == null ? "" : " job " + jobId + " record " + recordId,
        message);
  }

  /** A write or pull succeeded: the upstream is answering again. */
  public void upstreamOk(String connectionId) {
    clear(connectionId, Kind.UPSTREAM);
  }

  /**
   * The connection's mapping compiled with rules paused because their fields drifted; an empty list
   * clears the problem (the fields are back or the mapping was fixed).
   */
  public void schemaDrift(String connectionId, List<DriftTolerantCompile.PausedRule> paused) {
    if (paused.isEmpty()) {
      clear(connectionId, Kind.SCHEMA);
      return;
    }
    StringBuilder sb = new StringBuilder("rules paused until their fields are fixed: ");
    for (int i = 0; i < paused.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append('\'').append(paused.get(i).field()).append("': ");
      sb.append(paused.get(i).reason());
    }
    String message = scrub(sb.toString(), null);
    remember(Kind.SCHEMA, connectionId, "schema_drift", message, "map", null, null);
    warn(Kind.SCHEMA, connectionId, "schema_drift", "connection {}: {}", connectionId, message);
  }

  /** A job went to dead letter (the listener is told by the caller). */
  public void dead(
      String connectionId, long jobId, String recordId, String operation, String code, String why) {
    String message = scrub(why, null);
    remember(Kind.DEAD, connectionId, code, message, operation, jobId, recordId);
    warn(
        Kind.DEAD,
        connectionId,
        code,
        "job {} record {} of connection {} sent to dead letter after {} ({}): {}",
        jobId,
        recordId,
        connectionId,
        operation,
        code,
        message);
  }

  /** The connection's current problems (empty when none). */
  public ConnectionProblems of(String connectionId) {
    Map<Kind, Problem> m = latest.get(connectionId);
    if (m == null) {
      return ConnectionProblems.NONE;
    }
    return new ConnectionProblems(
        m.get(Kind.REFUSED),
        m.get(Kind.REGISTRATION),
        m.get(Kind.UPSTREAM),
        m.get(Kind.DEAD),
        m.get(Kind.SCHEMA));
  }

  /**
   * The connection's current problems, with a webhook registration failure remembered in the saved
   * webhook status (from before a restart) when this instance saw none.
   */
  public ConnectionProblems of(
      String connectionId, java.util.function.Supplier<Map<String, String>> savedStatus) {
    ConnectionProblems p = of(connectionId);
    if (p.registrationFailure() != null) {
      return p;
    }
    Map<String, String> webhookStatus = savedStatus.get();
    String error = webhookStatus.get("error");
    if (error == null || !webhookStatus.containsKey("errorAt")) {
      return p;
    }
    Instant at = Instant.parse(webhookStatus.get("errorAt"));
    Problem remembered =
        new Problem(
            webhookStatus.getOrDefault("errorCode", "unknown"),
            error,
            at,
            at,
            1,
            "register",
            null,
            null);
    return new ConnectionProblems(
        p.refusedDelivery(), remembered, p.upstreamError(), p.deadLetter(), p.schemaDrift());
  }

  // ---- rate-limited log -----------------------------------------------------------------------

  private void warn(Kind kind, String connectionId, String code, String format, Object... args) {
    Instant now = clock.instant();
    Key key = new Key(kind, connectionId, code);
    boolean[] print = {false};
    long[] before = {0};
    windows.compute(
        key,
        (k, w) -> {
          if (w == null || !now.isBefore(w.opened.plus(WINDOW))) {
            before[0] = w == null ? 0 : w.suppressed;
            print[0] = true;
            return new Window(now);
          }
          w.suppressed++;
          return w;
        });
    if (before[0] > 0) {
      summary(key, before[0]);
    }
    if (print[0]) {
      log.warn(format, args);
    }
  }

  /** Writes the summary of every window that has closed; the scheduler calls it. */
  public void flush() {
    Instant now = clock.instant();
    List<Map.Entry<Key, Long>> due = new ArrayList<>();
    for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Window> e = it.next();
      Window w = e.getValue();
      if (!now.isBefore(w.opened.plus(WINDOW))) {
        // Removed only if untouched since read, so no count is lost to a concurrent report.
        if (windows.remove(e.getKey(), w) && w.suppressed > 0) {
          due.add(Map.entry(e.getKey(), w.suppressed));
        }
      }
    }
    due.forEach(e -> summary(e.getKey(), e.getValue()));
  }

  private static void summary(Key key, long n) {
    log.warn(
        String.format(Locale.ROOT, key.kind().summary, key.connectionId(), key.code())
            + ": {} more in the last {} s",
        n,
        WINDOW.toSeconds());
  }

  // ---- latest problems ------------------------------------------------------------------------

  private Problem remember(
      Kind kind,
      String connectionId,
      String code,
      String message,
      String operation,
      Long jobId,
      String recordId) {
    Instant now = clock.instant();
    Problem[] out = new Problem[1];
    latest
        .computeIfAbsent(connectionId, k -> new ConcurrentHashMap<>())
        .compute(
            kind,
            (k, old) ->
                out[0] =
                    new Problem(
                        code,
                        message,
                        old == null ? now : old.firstAt(),
                        now,
                        old == null ? 1 : old.count() + 1,
                        operation,
                        jobId,
                        recordId));
    return out[0];
  }

  private void clear(String connectionId, Kind kind) {
    Map<Kind, Problem> m = latest.get(connectionId);
    if (m != null) {
      m.remove(kind);
    }
  }

  // ---- secrets --------------------------------------------------------------------------------

  /**
   * The message with every credential of the connection (API keys, tokens, signing secrets, the
   * webhook URL token) replaced by {@code ***}, and cut to 500 characters.
   */
  public static String scrub(String message, ConnectionConfig connection) {
    String m = message == null ? "" : message;
    if (connection != null) {
      for (String value : connection.credentials().asMap().values()) {
        if (value == null) {
          continue;
        }
        for (String part : value.split("[,\\s]+")) {
          if (part.length() >= 6) {
            m = m.replace(part, "***");
          }
        }
      }
    }
    return m.length() > 500 ? m.substring(0, 500) + "…" : m;
  }

  /** A bounded, tag-safe code from a free-text reason: lower case, words joined by {@code _}. */
  public static String code(String reason) {
    if (reason == null || reason.isBlank()) {
      return "unknown";
    }
    String c = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    c = c.replaceAll("^_+|_+$", "");
    if (c.length() > 48) {
      c = c.substring(0, 48).replaceAll("_+$", "");
    }
    return c.isEmpty() ? "unknown" : c;
  }
}
