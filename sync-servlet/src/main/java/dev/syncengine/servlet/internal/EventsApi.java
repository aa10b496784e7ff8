package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.spi.JobStore;
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
  private final SyncEngine engine;

  public EventsApi(AdminContext ctx) {
    this.ctx = ctx;
    this.engine = ctx.engine();
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

  private Reply list(Call call) {
    String connectionId = call.query("connectionId");
    if (connectionId != null) {
      ctx.connection(connectionId);
    }
    Set<JobState> states = states(call.query("status"));
    String recordId = call.query("recordId");
    Instant from = call.queryInstant("from");
    Instant to = call.queryInstant("to");
    int offset = call.queryInt("offset", 0, 0, 1_000_000);
    int limit = call.queryInt("limit", 50, 1, MAX_LIMIT);
    JobStore jobs = engine.stores().jobs();

    List<Job> page = new ArrayList<>();
    Long total = null;
    boolean hasMore;
    if (recordId != null) {
      List<Job> found = new ArrayList<>();
      List<String> conns =
          connectionId != null
              ? List.of(connectionId)
              : engine.stores().connections().list().stream().map(ConnectionConfig::id).toList();
      for (String c : conns) {
        jobs.findByRecord(c, recordId)
            .filter(j -> matches(j, states, from, to))
            .ifPresent(found::add);
      }
      total = (long) found.size();
      page = found.subList(Math.min(offset, found.size()), Math.min(offset + limit, found.size()));
      hasMore = offset + limit < found.size();
    } else if (states.size() == 1 && from == null && to == null) {
      JobState s = states.iterator().next();
      List<Job> got = jobs.list(connectionId, s, offset, limit + 1);
      hasMore = got.size() > limit;
      page = got.subList(0, Math.min(limit, got.size()));
      total = jobs.counts(connectionId).getOrDefault(s, 0L);
    } else {
      boolean all = states.size() == JobState.values().length;
      int skipped = 0;
      int scanned = 0;
      List<Job> hits = new ArrayList<>();
      outer:
      while (scanned < MAX_SCAN) {
        List<Job> chunk = jobs.list(connectionId, null, scanned, 500);
        for (Job j : chunk) {
          if (!matches(j, states, from, to)) {
            continue;
          }
          if (skipped < offset) {
            skipped++;
            continue;
          }
          hits.add(j);
          if (hits.size() > limit) {
            break outer;
          }
        }
        scanned += chunk.size();
        if (chunk.size() < 500) {
          break;
        }
      }
      hasMore = hits.size() > limit;
      page = hits.subList(0, Math.min(limit, hits.size()));
      if (all && from == null && to == null) {
        total = jobs.counts(connectionId).values().stream().mapToLong(Long::longValue).sum();
      }
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("events");
    for (Job j : page) {
      arr.add(Views.event(j, lastLog(j)));
    }
    out.put("offset", offset);
    out.put("limit", limit);
    out.put("hasMore", hasMore);
    if (total == null) {
      out.putNull("total");
    } else {
      out.put("total", total);
    }
    return Reply.ok(out);
  }

  private static boolean matches(Job j, Set<JobState> states, Instant from, Instant to) {
    return states.contains(j.state())
        && (from == null || !j.updatedAt().isBefore(from))
        && (to == null || j.updatedAt().isBefore(to));
  }

  private LogEntry lastLog(Job j) {
    List<LogEntry> l =
        engine
            .stores()
            .eventLog()
            .query(new LogQuery(j.connectionId(), Set.of(), j.recordId(), null, null, 0, 1));
    return l.isEmpty() ? null : l.get(0);
  }

  private Job job(Call call) {
    long id;
    try {
      id = Long.parseLong(call.path("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no such event");
    }
    return engine
        .stores()
        .jobs()
        .find(id)
        .orElseThrow(() -> ApiException.notFound("no such event"));
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
        engine
            .stores()
            .eventLog()
            .query(new LogQuery(j.connectionId(), Set.of(), j.recordId(), null, null, 0, 100))) {
      timeline.add(Views.log(e, true));
    }
    engine
        .stores()
        .idMap()
        .find(j.connectionId(), j.recordId())
        .ifPresentOrElse(
            m -> out.putObject("item").put("itemId", m.itemId()).put("itemState", m.itemState()),
            () -> out.putNull("item"));
    return Reply.ok(out);
  }

  private Reply replayOne(Call call) {
    Job j = job(call);
    if (!engine.replay(j.id())) {
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
      for (Job j : engine.stores().jobs().list(connectionId, JobState.DEAD, 0, MAX_BULK)) {
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
      if (engine.replay(id)) {
        replayed.add(id);
      } else {
        String reason =
            engine.stores().jobs().find(id).map(x -> "not dead").orElse("no such event");
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
    if (!engine.stores().jobs().markDead(j.id(), why)) {
      throw ApiException.conflict(
          "invalid_state",
          "only pending or dead events can be marked dead (this one is " + j.state() + ")");
    }
    return Reply.ok(Views.event(engine.stores().jobs().find(j.id()).orElse(j), lastLog(j)));
  }
}
