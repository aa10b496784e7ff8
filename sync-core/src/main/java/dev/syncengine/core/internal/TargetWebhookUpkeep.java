package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Registers, checks and removes the target webhooks of two-way connections, and keeps their last
 * known state (cursor {@value #STATUS}). Registration is the sink's {@link
 * TargetWebhooks#ensureTargetWebhooks}, idempotent, so upkeep and a retried registration never make
 * a second webhook. Thread-safe.
 */
public final class TargetWebhookUpkeep {
  private final java.util.concurrent.ConcurrentMap<String, Object> locks =
      new java.util.concurrent.ConcurrentHashMap<>();
  static final String STATUS = "twoWay.webhook.status";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectionRuntime runtime;
  private final CursorStore cursors;
  private final Problems problems;
  private final Clock clock;
  private final Function<ConnectionConfig, String> url;
  private final Predicate<ConnectionConfig> enabled;

  /**
   * @param url the URL the target delivers to for a connection, or null when the host configured no
   *     public URL (then only explicit registrations with a URL work)
   */
  public TargetWebhookUpkeep(
      ConnectionRuntime runtime,
      CursorStore cursors,
      Problems problems,
      Clock clock,
      Function<ConnectionConfig, String> url,
      Predicate<ConnectionConfig> enabled) {
    this.runtime = runtime;
    this.cursors = cursors;
    this.problems = problems;
    this.clock = clock;
    this.url = url;
    this.enabled = enabled;
  }

  /** Whether a public URL resolver is configured. */
  public boolean hasUrl() {
    return url != null;
  }

  /** The configured URL for a connection. */
  public String urlOf(ConnectionConfig c) {
    if (url == null) {
      throw new IllegalStateException(
          "no public webhook URL configured (SyncEngine.Builder.webhookUrl)");
    }
    return url.apply(c);
  }

  /** One upkeep round for one connection: registers what is missing when it opted in. */
  public void maintain(ConnectionConfig c) {
    if (c.paused() || !enabled.test(c)) {
      return;
    }
    if (url == null) {
      problems.registrationFailed(
          c, "target-keepalive", "no_webhook_url", "no public webhook URL is configured");
      return;
    }
    try {
      ensure(c, urlOf(c));
    } catch (RuntimeException reported) {
      // ensure() reported it and saved the status
    }
  }

  /**
   * Registers (or repairs) the connection's target webhooks to deliver to {@code target}.
   *
   * @throws IllegalArgumentException when the sink cannot notify or the connection did not opt in
   * @throws SyncException when the target refuses or cannot be reached (reported and saved too)
   */
  public Map<String, String> ensure(ConnectionConfig c, String target) {
    TargetWebhooks hooks = require(c);
    Map<String, String> status;
    // One registration per connection at a time in this engine: the upkeep round and a host's own
    // call both listing and then both creating would leave every trigger registered twice.
    Object lock = locks.computeIfAbsent(c.id(), k -> new Object());
    try {
      synchronized (lock) {
        status = new LinkedHashMap<>(hooks.ensureTargetWebhooks(c, target));
      }
    } catch (RuntimeException e) {
      failed(c, "target-register", e);
      throw e;
    }
    status.put("checkedAt", clock.instant().toString());
    save(c.id(), status);
    return status;
  }

  /** Removes the registrations that deliver to {@code target}; forgets the saved state. */
  public void remove(ConnectionConfig c, String target) {
    try {
      require(c).removeTargetWebhooks(c, target);
    } catch (RuntimeException e) {
      failed(c, "target-unregister", e);
      throw e;
    }
    cursors.delete(c.id(), STATUS);
  }

  /** The last known state (empty when never registered). */
  public Map<String, String> status(String connectionId) {
    return cursors
        .get(connectionId, STATUS)
        .map(
            s -> {
              try {
                Map<String, String> m = new LinkedHashMap<>();
                JSON.readTree(s)
                    .fields()
                    .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                return m;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElse(Map.of());
  }

  private TargetWebhooks require(ConnectionConfig c) {
    TargetWebhooks hooks = TargetIngress.targetWebhooks(runtime, c);
    if (hooks == null) {
      throw new IllegalArgumentException(
          "the sink '" + c.target().type() + "' of connection '" + c.id() + "' sends no webhooks");
    }
    if (!enabled.test(c)) {
      throw new IllegalArgumentException(
          "connection '" + c.id() + "' is one-way: set option " + TwoWayOptions.ENABLED + "=true");
    }
    return hooks;
  }

  private void failed(ConnectionConfig c, String operation, RuntimeException e) {
    String code = e instanceof SyncException se ? se.error().code() : ErrorCodes.INTERNAL_ERROR;
    String message = Problems.scrub(String.valueOf(e.getMessage()), c);
    problems.registrationFailed(c, operation, code, message);
    Map<String, String> status = new LinkedHashMap<>(status(c.id()));
    status.put("error", message);
    status.put("errorCode", code);
    status.put("errorAt", clock.instant().toString());
    try {
      save(c.id(), status);
    } catch (RuntimeException storeDown) {
      // the failure itself is reported; the saved state catches up on the next round
    }
  }

  private void save(String connectionId, Map<String, String> status) {
    try {
      cursors.put(connectionId, STATUS, JSON.writeValueAsString(status));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
