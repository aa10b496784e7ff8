package dev.syncengine.spring.internal;

import dev.syncengine.spring.SyncConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SyncConfigurationException} that stops the application into Spring Boot's short
 * "APPLICATION FAILED TO START" report naming the property, instead of a page of nested stack
 * traces whose first line speaks of the web server.
 */
public final class SyncConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<SyncConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SyncConfigurationException cause) {
    return new FailureAnalysis(
        "SyncEngine setting " + cause.getMessage(),
        "Fix '"
            + cause.property()
            + "' in your configuration (application.properties, environment variables or"
            + " command-line arguments). The sync.* properties are listed in the starter's"
            + " configuration metadata and in the reference app's README.",
        cause);
  }
}
