package dev.syncengine.testing.webflow;

/**
 * One request as the simulator received it (only when recording is on).
 *
 * @param method HTTP method
 * @param path the path, starting with {@code /v2}
 * @param query the raw query string, or null
 * @param body the raw body, possibly empty
 * @param status the status answered, or 0 when the connection was dropped
 */
public record RecordedRequest(String method, String path, String query, String body, int status) {}
