package dev.syncengine.testing.smartsuite;

import java.time.Instant;

/**
 * One API request the simulator received, for assertions on pacing and traffic.
 *
 * @param at when the simulator received it
 * @param method HTTP method
 * @param path request path without the query
 * @param status the status the simulator answered
 */
public record SimRequest(Instant at, String method, String path, int status) {}
