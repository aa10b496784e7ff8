package dev.syncengine.servlet.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side admin sessions: random 256-bit ids, a CSRF token each, idle expiry, a cap on how many
 * exist. Thread-safe.
 */
public final class Sessions {
  static final int MAX_SESSIONS = 1000;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;

  public Sessions(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  /** One signed-in browser. {@code lastSeen} moves on every request. */
  public static final class Session {
    private final String id;
    private final String csrfToken;
    private volatile Instant lastSeen;

    Session(String id, String csrfToken, Instant now) {
      this.id = id;
      this.csrfToken = csrfToken;
      this.lastSeen = now;
    }

    public String id() {
      return id;
    }

    public String csrfToken() {
      return csrfToken;
    }

    @Override
    public String toString() {
      return "Session{lastSeen=" + lastSeen + "}";
    }
  }

  public Session create() {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> expired(s, now));
      while (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream()
            .min(Comparator.comparing(s -> s.lastSeen))
            .ifPresent(s -> sessions.remove(s.id));
      }
    }
    Session s = new Session(Tokens.random(32), Tokens.random(32), now);
    sessions.put(s.id, s);
    return s;
  }

  /** The live session with this id, touched; an idle one is removed and not returned. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.lastSeen = now;
    return Optional.of(s);
  }

  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  public Duration idleTimeout() {
    return idle;
  }

  private boolean expired(Session s, Instant now) {
    return !s.lastSeen.plus(idle).isAfter(now);
  }
}
