package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.smartsuite.RecordListPage;
import dev.syncengine.smartsuite.RecordQuery;
import dev.syncengine.smartsuite.SmartSuiteApiException;
import dev.syncengine.smartsuite.SmartSuiteClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns pending changes into normalised {@link SourceRecord}s: a change's payload is used when it
 * is a whole record at least as new as the change; the others are fetched in batches (a list call
 * filtered by id, falling back to one call per record when the filter is refused or ignored).
 * Thread-safe.
 */
public final class RecordResolver {
  private final int fetchBatchSize;
  private final OnceWarnings warnings;

  public RecordResolver(int fetchBatchSize, OnceWarnings warnings) {
    this.fetchBatchSize = fetchBatchSize;
    this.warnings = warnings;
  }

  /** The records of {@code changes}; records SmartSuite no longer has are absent. */
  public Map<String, SourceRecord> resolve(
      ConnectionConfig connection, AccountCaches.Account account, List<PendingChange> changes) {
    RecordNormaliser normaliser = normaliser(connection, account);
    Map<String, SourceRecord> out = new LinkedHashMap<>();
    List<String> fetch = new ArrayList<>();
    for (PendingChange c : changes) {
      if (isWholeRecord(c.payload())
          && !versionOf((ObjectNode) c.payload(), c.version()).isBefore(c.version())) {
        out.put(
            c.recordId(), normalise(connection, normaliser, (ObjectNode) c.payload(), c.version()));
      } else if (!fetch.contains(c.recordId())) {
        fetch.add(c.recordId());
      }
    }
    for (int i = 0; i < fetch.size(); i += fetchBatchSize) {
      List<String> batch = fetch.subList(i, Math.min(fetch.size(), i + fetchBatchSize));
      for (ObjectNode raw : fetchRecords(connection, account.client(), batch)) {
        String id = raw.path("id").asText();
        out.put(id, normalise(connection, normaliser, raw, Instant.EPOCH));
      }
    }
    return out;
  }

  /** A normaliser for the connection's table at its current (cached) schema. */
  public RecordNormaliser normaliser(ConnectionConfig connection, AccountCaches.Account account) {
    return new RecordNormaliser(account.schema(connection.source().id()), account.files());
  }

  /** One raw record normalised; its warnings are logged once per connection. */
  public SourceRecord normalise(
      ConnectionConfig connection, RecordNormaliser normaliser, ObjectNode raw, Instant fallback) {
    RecordNormaliser.Result r = normaliser.normalise(raw);
    r.warnings().forEach(w -> warnings.warn(connection, w));
    return new SourceRecord(raw.path("id").asText(), versionOf(raw, fallback), r.values(), raw);
  }

  private List<ObjectNode> fetchRecords(
      ConnectionConfig connection, SmartSuiteClient client, List<String> ids) {
    String table = connection.source().id();
    RecordQuery q = RecordQuery.all().withFilter(idFilter(ids));
    List<ObjectNode> found = new ArrayList<>();
    int offset = 0;
    while (offset >= 0) {
      RecordListPage page;
      try {
        page = client.listRecords(table, q, offset, Math.max(ids.size(), 1));
      } catch (SmartSuiteApiException e) {
        if (e.statusCode() != 400 && e.statusCode() != 422) {
          throw e;
        }
        warnings.warn(connection, "SmartSuite refused a filter by id; fetching records one by one");
        return fetchOneByOne(client, table, ids);
      }
      if (page.total() > ids.size()) {
        // more matches than ids asked for: the filter was not applied; paging through the whole
        // table would cost far more than one call per record
        warnings.warn(connection, "SmartSuite ignored a filter by id; fetching records one by one");
        return fetchOneByOne(client, table, ids);
      }
      for (ObjectNode r : page.items()) {
        if (ids.contains(r.path("id").asText())) {
          found.add(r);
        }
      }
      offset = page.nextOffset();
    }
    return found;
  }

  private static ObjectNode idFilter(List<String> ids) {
    ObjectNode filter = JsonNodeFactory.instance.objectNode().put("operator", "or");
    var fields = filter.putArray("fields");
    ids.forEach(
        id -> fields.addObject().put("field", "id").put("comparison", "is").put("value", id));
    return filter;
  }

  private static List<ObjectNode> fetchOneByOne(
      SmartSuiteClient client, String table, List<String> ids) {
    List<ObjectNode> found = new ArrayList<>();
    for (String id : ids) {
      try {
        found.add(client.getRecord(table, id, false));
      } catch (SmartSuiteApiException notFound) {
        if (!notFound.isNotFound()) {
          throw notFound;
        }
      }
    }
    return found;
  }

  private static boolean isWholeRecord(JsonNode payload) {
    // SmartSuite leaves empty values out, so field keys cannot tell; system keys always come with
    // a whole record and never with a partial change set.
    return payload instanceof ObjectNode o
        && o.hasNonNull("id")
        && o.hasNonNull("application_id")
        && o.path("last_updated").hasNonNull("on");
  }

  private static Instant versionOf(ObjectNode raw, Instant fallback) {
    String on = raw.path("last_updated").path("on").asText("");
    if (on.isEmpty()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(on).toInstant();
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }
}
