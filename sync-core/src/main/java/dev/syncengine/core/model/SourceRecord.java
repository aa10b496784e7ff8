package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A normalised source record: values keyed by field slug, in the shapes the mapping engine reads
 * (labels for choices, exact decimals, ISO dates, HTML, public file URLs, linked record ids).
 *
 * @param id the source record id
 * @param version the record's last update at the source
 * @param values normalised values keyed by field slug (plus {@code id} and {@code title})
 */
public record SourceRecord(String id, Instant version, ObjectNode values) {}
