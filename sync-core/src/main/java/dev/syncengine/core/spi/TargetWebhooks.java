package dev.syncengine.core.spi;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SinkAdapter} implements when its target can report changes made there (two-way
 * connections): parse the target's webhook deliveries, and register them. The engine finds it by
 * {@code sink instanceof TargetWebhooks}.
 *
 * <p>Implementations are thread-safe.
 */
public interface TargetWebhooks {

  /**
   * Authenticates one delivery and turns it into changes. Makes no outbound call (it runs on the
   * ingress path). A delivery that is genuine but not for this connection (another collection of
   * the same site) parses to an empty list, so the sender is answered 2xx and stops retrying.
   *
   * @param now the ingress's clock, for timestamp windows and arrival stamps
   * @throws IngressException {@code UNAUTHORIZED} when it does not authenticate, {@code MALFORMED}
   *     (naming the field) when its body is not a delivery
   */
  List<TargetChange> parseTargetChanges(
      ConnectionConfig connection, IngestRequest request, Instant now) throws IngressException;

  /**
   * Makes sure the target notifies {@code url} of every change the connection follows, creating
   * what is missing and nothing twice: it lists before it creates, and lists again when a create's
   * outcome is unknown. Safe to call again at any time (registration, upkeep, a retry).
   *
   * @return the registration's state for the dashboard ({@code status} and adapter-specific keys)
   * @throws SyncException when the target refuses or cannot be reached
   */
  Map<String, String> ensureTargetWebhooks(ConnectionConfig connection, String url);

  /**
   * Removes the registrations that notify {@code url}; none left is not an error.
   *
   * @throws SyncException when the target refuses or cannot be reached
   */
  void removeTargetWebhooks(ConnectionConfig connection, String url);
}
