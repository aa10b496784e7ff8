package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A normalised source record: values keyed by field slug, in the shapes the mapping engine reads
 * (labels for choices, exact decimals, ISO dates, HTML, public file URLs, linked record ids).
 *
 * @param id the source record id
 * @param version the record's last update at the source
 * @param values normalised values keyed by field slug (plus {@code id} and {@code title})
 * @param raw the record as the source sent it, or {@code null}; backfill and polling queue it so
 *     that workers need not fetch the record a second time
 */
public record SourceRecord(String id, Instant version, ObjectNode values, JsonNode raw) {

  /** A record without its raw form. */
  public SourceRecord(String id, Instant version, ObjectNode values) {
    this(id, version, values, null);
  }
}
