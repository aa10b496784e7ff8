package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Why one item failed, and whether trying again can help.
 *
 * @param code short machine-readable code, e.g. {@code validation_error}
 * @param message human-readable, safe to show (never a secret)
 * @param field the target or source field at fault, or null
 * @param retryable whether a later attempt may succeed
 * @param retryAfter the minimum wait the remote asked for, or null
 * @param detail extra JSON, or null
 */
public record SyncError(
    String code,
    String message,
    String field,
    boolean retryable,
    Duration retryAfter,
    JsonNode detail) {

  public static SyncError retryable(String code, String message) {
    return new SyncError(code, message, null, true, null, null);
  }

  public static SyncError permanent(String code, String message, String field) {
    return new SyncError(code, message, field, false, null, null);
  }
}
