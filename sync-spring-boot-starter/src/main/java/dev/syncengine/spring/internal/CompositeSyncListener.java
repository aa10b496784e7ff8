package dev.syncengine.spring.internal;

import dev.syncengine.core.SyncListener;
import dev.syncengine.core.spi.WriteResult;
import java.time.Duration;
import java.util.List;

/** Fans every event out to several listeners; one failing listener does not stop the others. */
public final class CompositeSyncListener extends SyncListener {
  private final List<SyncListener> listeners;

  public CompositeSyncListener(List<SyncListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(java.util.function.Consumer<SyncListener> call) {
    for (SyncListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(CompositeSyncListener.class)
            .warn("sync listener {} failed: {}", l.getClass().getName(), e.toString());
      }
    }
  }

  @Override
  public void ingested(String connectionId, int events, int duplicates) {
    each(l -> l.ingested(connectionId, events, duplicates));
  }

  @Override
  public void rejected(String connectionId, String reason) {
    each(l -> l.rejected(connectionId, reason));
  }

  @Override
  public void webhookRegistrationFailed(String connectionId, String code) {
    each(l -> l.webhookRegistrationFailed(connectionId, code));
  }

  @Override
  public void upstreamError(String connectionId, String operation, String code) {
    each(l -> l.upstreamError(connectionId, operation, code));
  }

  @Override
  public void claimed(int jobs) {
    each(l -> l.claimed(jobs));
  }

  @Override
  public void written(String connectionId, WriteResult.Outcome outcome, Duration lag) {
    each(l -> l.written(connectionId, outcome, lag));
  }

  @Override
  public void retried(String connectionId, String errorCode) {
    each(l -> l.retried(connectionId, errorCode));
  }

  @Override
  public void dead(String connectionId, String errorCode) {
    each(l -> l.dead(connectionId, errorCode));
  }
}
