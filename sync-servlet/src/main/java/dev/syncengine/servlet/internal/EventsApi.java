package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.Inspector;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.spi.LogQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /events}: queue rows joined with their sync log. Filter, paginate, detail with payload and
 * timeline, replay one or many, mark dead. Thread-safe.
 */
public final class EventsApi {
  static final int MAX_LIMIT = 200;
  static final int MAX_SCAN = 20_000;
  static final int MAX_BULK = 500;

  private final AdminContext ctx;
  private final ControlPlane admin;
  private final Inspector inspect;

  public EventsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.admin = ctx.admin();
    this.inspect = ctx.inspect();
  }

  public void register(Router r) {
    r.add("GET", "/events", this::list);
    r.add("GET", "/events/{id}", this::detail);
    r.add("POST", "/events/{id}/replay", this::replayOne);
    r.add("POST", "/events/replay", this::replayMany);
    r.add("POST", "/events/{id}/dead", this::markDead);
  }

  private static Set<JobState> states(String v) {
    if (v == null) {
      return EnumSet.allOf(JobState.class);
    }
    Set<JobState> out = EnumSet.noneOf(JobState.class);
    for (String s : v.split(",")) {
      try {
        out.add(JobState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("status", "each must be pending, claimed, done or dead");
      }
    }
    return out;
  }

  /** The query of {@code GET /events}. */
  private record Filter(
      String connectionId,
      Set<JobState> states,
      String recordId,
      Instant from,
      Instant to,
      int offset,
      int limit) {
    boolean matches(Job j) {
      return EventsApi.matches(j, states, from, to);
    }
  }

  /** One page of events; {@code total} is null when it would cost a full scan. */
  private record Page(List<Job> jobs, boolean hasMore, Long total) {}

  private Reply list(Call call) {
    String connectionId = call.query("connectionId");
    if (connectionId != null) {
      ctx.connection(connectionId);
    }
    Filter q =
        new Filter(
            connectionId,
            states(call.query("status")),
            call.query("recordId"),
            call.queryInstant("from"),
            call.queryInstant("to"),
            call.queryInt("offset", 0, 0, 1_000_000),
            call.queryInt("limit", 50, 1, MAX_LIMIT));
    Page page;
    if (q.recordId() != null) {
      page = byRecord(q);
    } else if (q.states().size() == 1 && q.from() == null && q.to() == null) {
      page = byState(q);
    } else {
      page = scan(q);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("events");
    for (Job j : page.jobs()) {
      arr.add(Views.event(j, lastLog(j)));
    }
    out.put("offset", q.offset());
    out.put("limit", q.limit());
    out.put("hasMore", page.hasMore());
    if (page.total() == null) {
      out.putNull("total");
    } else {
      out.put("total", page.total());
    }
    return Reply.ok(out);
  }

  private Page byRecord(Filter q) {
    List<Job> found = new ArrayList<>();
    List<String> conns =
        q.connectionId() != null
            ? List.of(q.connectionId())
            : inspect.connections().stream().map(ConnectionConfig::id).toList();
    for (String c : conns) {
      inspect.jobForRecord(c, q.recordId()).filter(q::matches).ifPresent(found::add);
    }
    int offset = q.offset();
    int limit = q.limit();
    List<Job> page =
        found.subList(Math.min(offset, found.size()), Math.min(offset + limit, found.size()));
    return new Page(page, offset + limit < found.size(), (long) found.size());
  }

  private Page byState(Filter q) {
    JobState s = q.states().iterator().next();
    List<Job> got = inspect.jobs(q.connectionId(), s, q.offset(), q.limit() + 1);
    return new Page(
        got.subList(0, Math.min(q.limit(), got.size())),
        got.size() > q.limit(),
        inspect.jobCounts(q.connectionId()).getOrDefault(s, 0L));
  }

  /** Pages through the queue (at most {@link #MAX_SCAN} rows) keeping the matching rows. */
  private Page scan(Filter q) {
    int skipped = 0;
    int scanned = 0;
    List<Job> hits = new ArrayList<>();
    outer:
    while (scanned < MAX_SCAN) {
      List<Job> chunk = inspect.jobs(q.connectionId(), null, scanned, 500);
      for (Job j : chunk) {
        if (!q.matches(j)) {
          continue;
        }
        if (skipped < q.offset()) {
          skipped++;
          continue;
        }
        hits.add(j);
        if (hits.size() > q.limit()) {
          break outer;
        }
      }
      scanned += chunk.size();
      if (chunk.size() < 500) {
        break;
      }
    }
    Long total = null;
    boolean all = q.states().size() == JobState.values().length;
    if (all && q.from() == null && q.to() == null) {
      total =
          inspect.jobCounts(q.connectionId()).values().stream().mapToLong(Long::longValue).sum();
    }
    return new Page(
        hits.subList(0, Math.min(q.limit(), hits.size())), hits.size() > q.limit(), total);
  }

  private static boolean matches(Job j, Set<JobState> states, Instant from, Instant to) {
    return states.contains(j.state())
        && (from == null || !j.updatedAt().isBefore(from))
        && (to == null || j.updatedAt().isBefore(to));
  }

  private LogEntry lastLog(Job j) {
    List<LogEntry> l =
        inspect.log(new LogQuery(j.connectionId(), Set.of(), j.recordId(), null, null, 0, 1));
    return l.isEmpty() ? null : l.get(0);
  }

  private Job job(Call call) {
    long id;
    try {
      id = Long.parseLong(call.path("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no such event");
    }
    return inspect.job(id).orElseThrow(() -> ApiException.notFound("no such event"));
  }

  private Reply detail(Call call) {
    Job j = job(call);
    ObjectNode out = Views.event(j, lastLog(j));
    out.set("payload", j.payload());
    out.put("leaseOwner", j.leaseOwner());
    out.put("leaseUntil", j.leaseUntil() == null ? null : j.leaseUntil().toString());
    out.put("generation", j.generation());
    ArrayNode timeline = out.putArray("timeline");
    for (LogEntry e :
        inspect.log(new LogQuery(j.connectionId(), Set.of(), j.recordId(), null, null, 0, 100))) {
      timeline.add(Views.log(e, true));
    }
    inspect
        .item(j.connectionId(), j.recordId())
        .ifPresentOrElse(
            m -> out.putObject("item").put("itemId", m.itemId()).put("itemState", m.itemState()),
            () -> out.putNull("item"));
    return Reply.ok(out);
  }

  private Reply replayOne(Call call) {
    Job j = job(call);
    if (!admin.replay(j.id())) {
      throw ApiException.conflict("not_dead", "only dead events can be replayed");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", j.id());
    out.put("replayed", true);
    return Reply.ok(out);
  }

  private Reply replayMany(Call call) {
    JsonNode body = call.object();
    Set<Long> ids = new LinkedHashSet<>();
    if (body.path("ids").isArray()) {
      for (JsonNode n : body.get("ids")) {
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
          throw ApiException.invalid("ids", "must be event ids (integers)");
        }
        ids.add(n.asLong());
      }
    } else if (body.path("allDead").asBoolean(false)) {
      String connectionId = body.path("connectionId").asText(null);
      if (connectionId != null) {
        ctx.connection(connectionId);
      }
      for (Job j : inspect.jobs(connectionId, JobState.DEAD, 0, MAX_BULK)) {
        ids.add(j.id());
      }
    } else {
      throw ApiException.invalid(
          "ids", "give ids, or allDead: true (with an optional connectionId)");
    }
    if (ids.size() > MAX_BULK) {
      throw ApiException.invalid("ids", "at most " + MAX_BULK + " per call");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode replayed = out.putArray("replayed");
    ArrayNode skipped = out.putArray("skipped");
    for (long id : ids) {
      if (admin.replay(id)) {
        replayed.add(id);
      } else {
        String reason = inspect.job(id).map(x -> "not dead").orElse("no such event");
        skipped.addObject().put("id", id).put("reason", reason);
      }
    }
    return Reply.ok(out);
  }

  private Reply markDead(Call call) {
    Job j = job(call);
    String reason = Call.text(call.optionalObject(), "reason", false);
    String why =
        reason == null
            ? "marked dead by an administrator"
            : reason.substring(0, Math.min(500, reason.length()));
    if (!admin.markDead(j.id(), why)) {
      throw ApiException.conflict(
          "invalid_state",
          "only pending or dead events can be marked dead (this one is " + j.state() + ")");
    }
    return Reply.ok(Views.event(inspect.job(j.id()).orElse(j), lastLog(j)));
  }
}
