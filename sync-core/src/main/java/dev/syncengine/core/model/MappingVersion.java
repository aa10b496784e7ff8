package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One saved version of a connection's mapping document (see {@code docs/mapping.md}).
 *
 * @param connectionId the connection
 * @param version 1, 2, ... in save order
 * @param spec the mapping document
 * @param createdAt when it was saved
 */
public record MappingVersion(String connectionId, int version, JsonNode spec, Instant createdAt) {}
