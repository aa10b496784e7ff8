package dev.syncengine.core.internal;

import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches what the hot paths need per connection: the config (short TTL, so ingress does not hit the
 * database per request), one open source and sink session (per config), both schemas and the
 * compiled mapping (per mapping version). Thread-safe.
 */
public final class ConnectionRuntime {
  private final ConnectionStore connections;
  private final Map<String, SourceAdapter> sources;
  private final Map<String, SinkAdapter> sinks;
  private final MappingCompiler compiler;
  private final Clock clock;
  private final Duration configTtl;
  private final Duration schemaTtl;

  private final Map<String, Timed<Optional<ConnectionConfig>>> configs = new ConcurrentHashMap<>();
  private final Map<String, Timed<SourceSchema>> sourceSchemas = new ConcurrentHashMap<>();
  private final Map<String, Timed<TargetSchema>> targetSchemas = new ConcurrentHashMap<>();
  private final Map<String, Compiled> mappings = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastRefresh = new ConcurrentHashMap<>();
  // per connection: the field types of each rule when its mapping version was first compiled;
  // kept across invalidate(), so drift is still seen after an admin change
  private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

  private record Baseline(int version, Map<String, String> types) {}

  private final SessionCache<SourceSession> sourceSessions =
      new SessionCache<>(c -> source(c).open(c));
  private final SessionCache<SinkSession> sinkSessions = new SessionCache<>(c -> sink(c).open(c));

  private record Timed<T>(T value, Instant at) {}

  private record Compiled(
      int version,
      SourceSchema source,
      TargetSchema target,
      CompiledMapping mapping,
      List<DriftTolerantCompile.PausedRule> paused) {}

  public ConnectionRuntime(
      ConnectionStore connections,
      Map<String, SourceAdapter> sources,
      Map<String, SinkAdapter> sinks,
      MappingCompiler compiler,
      Clock clock,
      Duration configTtl,
      Duration schemaTtl) {
    this.connections = connections;
    this.sources = Map.copyOf(sources);
    this.sinks = Map.copyOf(sinks);
    this.compiler = compiler;
    this.clock = clock;
    this.configTtl = configTtl;
    this.schemaTtl = schemaTtl;
  }

  /** The source types an adapter is registered for. */
  public java.util.Set<String> sourceTypes() {
    return sources.keySet();
  }

  /** The target types an adapter is registered for. */
  public java.util.Set<String> sinkTypes() {
    return sinks.keySet();
  }

  /** The engine's mapping compiler. */
  public MappingCompiler compiler() {
    return compiler;
  }

  private <T> boolean fresh(Timed<T> t, Duration ttl) {
    return t != null && t.at().plus(ttl).isAfter(clock.instant());
  }

  /** The connection, cached briefly. */
  public Optional<ConnectionConfig> connection(String id) {
    Timed<Optional<ConnectionConfig>> t = configs.get(id);
    if (fresh(t, configTtl)) {
      return t.value();
    }
    Optional<ConnectionConfig> c = connections.find(id);
    configs.put(id, new Timed<>(c, clock.instant()));
    return c;
  }

  /** Forgets everything cached about a connection (after an admin change). */
  public void invalidate(String id) {
    configs.remove(id);
    sourceSchemas.remove(id);
    targetSchemas.remove(id);
    mappings.remove(id);
  }

  /**
   * Closes the sessions of a connection (after it was updated, paused or deleted); the next call
   * opens new ones with the config it passes.
   */
  public void drop(String id) {
    sourceSessions.drop(id);
    sinkSessions.drop(id);
  }

  /** Closes every open session (when the engine stops). */
  public void closeSessions() {
    sourceSessions.closeAll();
    sinkSessions.closeAll();
  }

  /**
   * The open source session for this version of a connection's config, opened on first use.
   *
   * @throws IllegalStateException when no adapter of its type is registered
   */
  public SourceSession sourceSession(ConnectionConfig c) {
    return sourceSessions.get(c);
  }

  /**
   * The open sink session for this version of a connection's config, opened on first use.
   *
   * @throws IllegalStateException when no adapter of its type is registered
   */
  public SinkSession sinkSession(ConnectionConfig c) {
    return sinkSessions.get(c);
  }

  /**
   * The source adapter for a connection (discovery and credential checks; everything else goes
   * through {@link #sourceSession}).
   *
   * @throws IllegalStateException when no adapter of that type is registered
   */
  public SourceAdapter source(ConnectionConfig c) {
    SourceAdapter a = sources.get(c.source().type());
    if (a == null) {
      throw new IllegalStateException("no source adapter of type '" + c.source().type() + "'");
    }
    return a;
  }

  /**
   * The sink adapter for a connection (discovery and credential checks; everything else goes
   * through {@link #sinkSession}).
   *
   * @throws IllegalStateException when no adapter of that type is registered
   */
  public SinkAdapter sink(ConnectionConfig c) {
    SinkAdapter a = sinks.get(c.target().type());
    if (a == null) {
      throw new IllegalStateException("no sink adapter of type '" + c.target().type() + "'");
    }
    return a;
  }

  public SourceSchema sourceSchema(ConnectionConfig c) {
    Timed<SourceSchema> t = sourceSchemas.get(c.id());
    if (fresh(t, schemaTtl)) {
      return t.value();
    }
    SourceSchema s = sourceSession(c).schema();
    sourceSchemas.put(c.id(), new Timed<>(s, clock.instant()));
    return s;
  }

  public TargetSchema targetSchema(ConnectionConfig c) {
    Timed<TargetSchema> t = targetSchemas.get(c.id());
    if (fresh(t, schemaTtl)) {
      return t.value();
    }
    TargetSchema s = sinkSession(c).schema();
    targetSchemas.put(c.id(), new Timed<>(s, clock.instant()));
    return s;
  }

  /**
   * The compiled newest mapping of a connection, recompiled when the version or either schema
   * changed; rules whose fields drifted are paused ({@link #pausedRules}).
   *
   * @throws MappingValidationException when it does not compile, even with rules paused
   * @throws IllegalStateException when the connection has no mapping
   */
  public CompiledMapping mapping(ConnectionConfig c) throws MappingValidationException {
    MappingVersion v =
        connections
            .mapping(c.id())
            .orElseThrow(() -> new IllegalStateException("connection has no mapping"));
    Compiled cached = mappings.get(c.id());
    boolean sameVersion = cached != null && cached.version() == v.version();
    SourceSchema source;
    TargetSchema target;
    try {
      source = sourceSchema(c);
      target = targetSchema(c);
    } catch (RuntimeException e) {
      if (sameVersion) {
        return cached.mapping(); // a failed schema refresh does not stop the writes
      }
      throw e;
    }
    if (sameVersion && cached.source().equals(source) && cached.target().equals(target)) {
      return cached.mapping();
    }
    Baseline b = baselines.get(c.id());
    DriftTolerantCompile.Result r =
        DriftTolerantCompile.compile(
            compiler,
            v,
            source,
            target,
            b != null && b.version() == v.version() ? b.types() : null);
    baselines.put(c.id(), new Baseline(v.version(), r.types()));
    mappings.put(c.id(), new Compiled(v.version(), source, target, r.mapping(), r.paused()));
    return r.mapping();
  }

  /** The rules of the connection's compiled mapping paused for schema drift (empty when none). */
  public List<DriftTolerantCompile.PausedRule> pausedRules(String connectionId) {
    Compiled cached = mappings.get(connectionId);
    return cached == null ? List.of() : cached.paused();
  }

  /**
   * Reads both schemas again now, unless that was done in the last five seconds; when either
   * changed, the next {@link #mapping} recompiles against them.
   *
   * @return whether a schema changed
   */
  public boolean refreshSchemas(ConnectionConfig c) {
    Instant now = clock.instant();
    Instant last = lastRefresh.get(c.id());
    if (last != null && last.plusSeconds(5).isAfter(now)) {
      return false;
    }
    lastRefresh.put(c.id(), now);
    Timed<SourceSchema> oldSource = sourceSchemas.remove(c.id());
    Timed<TargetSchema> oldTarget = targetSchemas.remove(c.id());
    boolean changed = oldSource != null && !oldSource.value().equals(sourceSchema(c));
    return (oldTarget != null && !oldTarget.value().equals(targetSchema(c))) || changed;
  }

  /** The connection that syncs the given source table, if any (for reference rules). */
  public Optional<ConnectionConfig> connectionForSourceTable(String tableId) {
    return connections.list().stream().filter(c -> c.source().id().equals(tableId)).findFirst();
  }
}
