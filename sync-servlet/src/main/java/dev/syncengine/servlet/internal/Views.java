package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.ConnectionProblems;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.ResourceRef;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Model → JSON for the admin API. Credentials only ever leave here masked. */
public final class Views {
  private Views() {}

  static ObjectNode ref(ResourceRef r) {
    return dev.syncengine.core.model.ConnectionSettingsJson.ref(r);
  }

  /** A connection with masked credentials; {@code webhookUrl} is passed in (masked or not). */
  public static ObjectNode connection(
      ConnectionConfig c, String webhookUrl, Map<JobState, Long> counts, Integer mappingVersion) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", c.id());
    o.setAll(dev.syncengine.core.model.ConnectionSettingsJson.write(c));
    o.remove("options"); // shown after the credentials, as documented
    ObjectNode creds = o.putObject("credentials");
    c.credentials().masked().forEach(creds::put);
    ObjectNode opts = o.putObject("options");
    c.options().forEach(opts::put);
    o.put("webhookUrl", webhookUrl);
    if (mappingVersion == null) {
      o.putNull("mappingVersion");
    } else {
      o.put("mappingVersion", mappingVersion);
    }
    if (counts != null) {
      o.set("queue", counts(counts));
    }
    return o;
  }

  static ObjectNode counts(Map<JobState, Long> counts) {
    ObjectNode q = Json.MAPPER.createObjectNode();
    for (JobState s : JobState.values()) {
      q.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0L));
    }
    return q;
  }

  /** A job row as the events list shows it, without its payload. */
  public static ObjectNode event(Job j, LogEntry last) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", j.id());
    o.put("connectionId", j.connectionId());
    o.put("recordId", j.recordId());
    o.put("kind", j.kind().name());
    o.put("state", j.state().name());
    o.put("attempts", j.attempts());
    o.put("sourceVersion", str(j.sourceVersion()));
    o.put("idempotencyKey", j.idempotencyKey());
    o.put("enqueuedAt", str(j.enqueuedAt()));
    o.put("updatedAt", str(j.updatedAt()));
    o.put("runAt", str(j.runAt()));
    o.put("lastError", j.lastError());
    if (last == null) {
      o.putNull("lastOutcome");
    } else {
      o.set("lastOutcome", log(last, false));
    }
    return o;
  }

  /** A sync log entry; {@code detail} only when asked (it can be large). */
  public static ObjectNode log(LogEntry e, boolean withDetail) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("jobId", e.jobId());
    o.put("at", str(e.at()));
    o.put("action", e.action());
    o.put("status", e.status().name());
    o.put("attempt", e.attempt());
    o.put("itemId", e.itemId());
    o.put("errorCode", e.errorCode());
    o.put("message", e.message());
    o.put("durationMs", e.durationMs());
    o.put("latencyMs", e.latencyMs());
    if (withDetail) {
      o.set("detail", e.detail());
    }
    return o;
  }

  public static ObjectNode backfill(BackfillStatus s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("connectionId", s.connectionId());
    o.put("kind", s.kind());
    o.put("state", s.state().name());
    o.put("done", s.done());
    o.put("total", s.total());
    o.put("deletions", s.deletions());
    o.put("startedAt", str(s.startedAt()));
    o.put("updatedAt", str(s.updatedAt()));
    Duration eta = s.estimatedRemaining();
    if (eta == null) {
      o.putNull("estimatedRemainingSeconds");
    } else {
      o.put("estimatedRemainingSeconds", eta.toSeconds());
    }
    o.put("error", s.error());
    return o;
  }

  /**
   * A connection's recent problems: {@code refusedDelivery}, {@code registrationFailure}, {@code
   * upstreamError}, {@code schemaDrift} (each null or {@code {code, message, operation, firstAt,
   * lastAt, count, jobId, recordId}}), {@code deadLetters: {count, last}} and {@code warning}:
   * whether any is set.
   */
  public static ObjectNode problems(ConnectionProblems p, long deadLetters) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put(
        "warning",
        p.refusedDelivery() != null
            || p.registrationFailure() != null
            || p.upstreamError() != null
            || p.schemaDrift() != null
            || deadLetters > 0);
    o.set("refusedDelivery", problem(p.refusedDelivery()));
    o.set("registrationFailure", problem(p.registrationFailure()));
    o.set("upstreamError", problem(p.upstreamError()));
    o.set("schemaDrift", problem(p.schemaDrift()));
    ObjectNode dead = o.putObject("deadLetters");
    dead.put("count", deadLetters);
    // The last one this engine saw, while some are still waiting for replay.
    dead.set("last", problem(deadLetters > 0 ? p.deadLetter() : null));
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode problem(ConnectionProblems.Problem p) {
    if (p == null) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("code", p.code());
    o.put("message", p.message());
    o.put("operation", p.operation());
    o.put("firstAt", str(p.firstAt()));
    o.put("lastAt", str(p.lastAt()));
    o.put("count", p.count());
    if (p.jobId() == null) {
      o.putNull("jobId");
    } else {
      o.put("jobId", p.jobId());
    }
    o.put("recordId", p.recordId());
    return o;
  }

  static String str(Object v) {
    return v == null ? null : v.toString();
  }
}
