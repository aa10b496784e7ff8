package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One line of the sync log: an attempt at a job and how it ended.
 *
 * @param id store-assigned id (0 before it is stored)
 * @param connectionId the connection
 * @param jobId the job
 * @param recordId the source record
 * @param itemId the target item, when known
 * @param action what was done: create, update, delete, unpublish, archive, skip, pull, ...
 * @param status the outcome
 * @param attempt which attempt this was (1 = first)
 * @param errorCode a short code for the error, or {@code null}
 * @param message a human-readable message, or {@code null}
 * @param durationMs how long the attempt took
 * @param latencyMs from ingress to this outcome
 * @param at when it ended
 * @param detail extra JSON (field errors, the written fieldData), may be {@code null}
 */
public record LogEntry(
    long id,
    String connectionId,
    long jobId,
    String recordId,
    String itemId,
    String action,
    LogStatus status,
    int attempt,
    String errorCode,
    String message,
    long durationMs,
    long latencyMs,
    Instant at,
    JsonNode detail) {

  /** A copy with another message. */
  public LogEntry withMessage(String newMessage) {
    return new LogEntry(
        id,
        connectionId,
        jobId,
        recordId,
        itemId,
        action,
        status,
        attempt,
        errorCode,
        newMessage,
        durationMs,
        latencyMs,
        at,
        detail);
  }
}
