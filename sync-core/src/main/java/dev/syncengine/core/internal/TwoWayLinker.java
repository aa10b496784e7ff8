package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetItems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linking pass that opens a backfill or reconcile of a two-way connection: every source record
 * without an id map entry is matched to an item already in the target, first by the item's
 * record-id field ({@link TargetItems#recordIdField()}), else by the slug the mapping makes for the
 * record, and the match is put in the id map before any change is queued, so the run's own change
 * updates that item instead of creating a second. A match that is not one to one is not made and is
 * logged. Items no record knows become target changes (trigger {@value #TRIGGER}) when {@link
 * TwoWayOptions#CREATE_RECORDS} is on, which the reverse worker turns into records; their delivery
 * key names the item and its version, so a rerun queues nothing new. Stateless between runs; one
 * run is not thread-safe.
 */
final class TwoWayLinker {
  private static final Logger log = LoggerFactory.getLogger(TwoWayLinker.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  static final String TRIGGER = "backfill";

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Problems problems;

  TwoWayLinker(Stores stores, ConnectionRuntime runtime, Clock clock, Problems problems) {
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.problems = problems;
  }

  /**
   * Links what can be linked and queues (or counts) the items no record knows.
   *
   * @return what the pass did, or null when the sink cannot list its items (nothing is linked)
   * @throws SyncException when the mapping does not compile or a listing fails
   */
  BackfillStatus.Linking link(ConnectionConfig c, SourceSession source, String kind) {
    Optional<TargetItems> listing = runtime.sinkSession(c).items();
    if (listing.isEmpty()) {
      log.info("the sink of {} cannot list its items: the {} links nothing", c.id(), kind);
      return null;
    }
    LazyMapping lazy = new LazyMapping(runtime, c, problems);
    CompiledMapping mapping = lazy.get();
    if (mapping == null) {
      throw new SyncException(lazy.error());
    }
    TargetItems items = listing.get();
    Map<String, TargetItems.Item> byId = listItems(items);
    Set<String> linkedItems = linkedItems(c);
    ItemIndex index = new ItemIndex(byId.values(), items.recordIdField(), linkedItems);
    Set<String> mappedKeys = reverseKeys(mapping);
    Matches matches = new Matches();
    LinkContext context = new LinkContext(c, runtime, stores.idMap()).lastAttempt();
    String cursor = null;
    while (true) {
      SourceAdapter.RecordPage page = source.list(cursor, Backfiller.PAGE_SIZE, null);
      Map<String, IdMapping> known =
          stores.idMap().findAll(c.id(), page.records().stream().map(SourceRecord::id).toList());
      for (SourceRecord r : page.records()) {
        if (known.containsKey(r.id())) {
          continue;
        }
        ObjectNode mapped = mapped(mapping, r, context);
        List<String> found = index.byRecordId(r.id());
        if (found.isEmpty() && mapped != null && mapped.hasNonNull("slug")) {
          found = index.bySlug(mapped.get("slug").asText());
        }
        matches.add(r.id(), found, mapped == null ? Set.of() : keysOf(mapped));
      }
      cursor = page.nextCursor();
      if (cursor == null || page.records().isEmpty()) {
        break;
      }
    }
    Instant now = clock.instant();
    List<IdMapping> puts = new ArrayList<>();
    List<LogEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> m : matches.oneToOne().entrySet()) {
      TargetItems.Item item = byId.get(m.getValue());
      Set<String> keys = new HashSet<>(mappedKeys);
      keys.addAll(matches.keys.get(m.getKey()));
      puts.add(
          new IdMapping(
              c.id(),
              m.getKey(),
              item.id(),
              null,
              restrict(item.fieldData(), keys),
              null,
              null,
              now,
              item.lastUpdated()));
      linkedItems.add(item.id());
    }
    entries.addAll(matches.ambiguous(c.id(), now));
    stores.idMap().apply(puts, Map.of());
    Set<String> claimed = matches.claimedItems();
    List<TargetChange> creates = new ArrayList<>();
    long left = 0;
    for (TargetItems.Item item : byId.values()) {
      if (linkedItems.contains(item.id()) || claimed.contains(item.id())) {
        continue;
      }
      if (index.recordIdOf(item) != null || !TwoWayOptions.createRecords(c)) {
        // An item holding another record's id was written for a record the source no longer
        // has: it is not made into a new record.
        left++;
      } else {
        creates.add(change(c, item, now));
      }
    }
    if (!creates.isEmpty()) {
      stores.targetChanges().append(creates);
    }
    appendLog(entries);
    log.info(
        "{} of {}: {} records linked to items, {} ambiguous, {} items queued as records, {} left",
        kind,
        c.id(),
        puts.size(),
        matches.ambiguousCount(),
        creates.size(),
        left);
    return new BackfillStatus.Linking(puts.size(), matches.ambiguousCount(), creates.size(), left);
  }

  private static Map<String, TargetItems.Item> listItems(TargetItems items) {
    Map<String, TargetItems.Item> byId = new LinkedHashMap<>();
    String cursor = null;
    do {
      TargetItems.Page page = items.list(cursor);
      // a locale's variant shares its item's id: the first seen (the primary) stands for it
      page.items().forEach(i -> byId.putIfAbsent(i.id(), i));
      cursor = page.items().isEmpty() ? null : page.nextCursor();
    } while (cursor != null);
    return byId;
  }

  /** Items some record is already linked to (by any record, listed by the source or not). */
  private Set<String> linkedItems(ConnectionConfig c) {
    Set<String> ids = new HashSet<>();
    String after = null;
    while (true) {
      List<IdMapping> page = stores.idMap().list(c.id(), after, Backfiller.PAGE_SIZE);
      if (page.isEmpty()) {
        return ids;
      }
      page.forEach(m -> ids.add(m.itemId()));
      after = page.get(page.size() - 1).recordId();
    }
  }

  private static ObjectNode mapped(CompiledMapping mapping, SourceRecord r, LinkContext context) {
    try {
      return mapping.map(r, context).fieldData();
    } catch (MappingException | RuntimeException e) {
      return null; // no slug to match by; the run's own change reports the mapping's error
    }
  }

  private static Set<String> reverseKeys(CompiledMapping mapping) {
    Set<String> keys = new HashSet<>();
    for (FieldDirection d : mapping.reverse().directions()) {
      keys.add(d.field());
    }
    keys.add("slug");
    return keys;
  }

  private static Set<String> keysOf(ObjectNode n) {
    Set<String> keys = new HashSet<>();
    n.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The item's fieldData restricted to the fields the mapping writes or carries back. */
  private static ObjectNode restrict(ObjectNode fieldData, Set<String> keys) {
    ObjectNode s = JSON.createObjectNode();
    for (String k : keys) {
      if (fieldData.has(k)) {
        s.set(k, fieldData.get(k).deepCopy());
      }
    }
    return s;
  }

  private static TargetChange change(ConnectionConfig c, TargetItems.Item item, Instant now) {
    ObjectNode payload = JSON.createObjectNode().put("id", item.id());
    payload.set("fieldData", item.fieldData().deepCopy());
    Instant version = item.lastUpdated() == null ? Instant.EPOCH : item.lastUpdated();
    payload.put("lastUpdated", version.toString());
    String key = TRIGGER + ":" + item.id() + ":" + version;
    return new TargetChange(
        c.id(), item.id(), TRIGGER, ChangeKind.UPSERT, version, payload, key, now);
  }

  private void appendLog(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      stores.eventLog().append(entries);
    } catch (RuntimeException e) {
      log.warn("could not log {} ambiguous matches: {}", entries.size(), e.toString());
    }
  }

  /** The proposed record → items matches of one run, checked one to one before any is made. */
  private static final class Matches {
    final Map<String, List<String>> itemsByRecord = new LinkedHashMap<>();
    final Map<String, List<String>> recordsByItem = new HashMap<>();
    final Map<String, Set<String>> keys = new HashMap<>();

    void add(String recordId, List<String> items, Set<String> mappedKeys) {
      if (items.isEmpty()) {
        return;
      }
      itemsByRecord.put(recordId, items);
      keys.put(recordId, mappedKeys);
      items.forEach(i -> recordsByItem.computeIfAbsent(i, k -> new ArrayList<>()).add(recordId));
    }

    Map<String, String> oneToOne() {
      Map<String, String> out = new LinkedHashMap<>();
      itemsByRecord.forEach(
          (record, items) -> {
            if (items.size() == 1 && recordsByItem.get(items.get(0)).size() == 1) {
              out.put(record, items.get(0));
            }
          });
      return out;
    }

    /** Items some record matched, linked or not: an ambiguous one is never made a record. */
    Set<String> claimedItems() {
      return recordsByItem.keySet();
    }

    int ambiguousCount() {
      return itemsByRecord.size() - oneToOne().size();
    }

    List<LogEntry> ambiguous(String connectionId, Instant now) {
      Map<String, String> linked = oneToOne();
      List<LogEntry> out = new ArrayList<>();
      itemsByRecord.forEach(
          (record, items) -> {
            if (linked.containsKey(record)) {
              return;
            }
            Set<String> rivals = new HashSet<>();
            items.forEach(i -> rivals.addAll(recordsByItem.get(i)));
            rivals.remove(record);
            ObjectNode detail = JSON.createObjectNode();
            items.forEach(detail.putArray("items")::add);
            rivals.forEach(detail.putArray("records")::add);
            String why =
                items.size() > 1
                    ? "the record matches " + items.size() + " items"
                    : "its item matches " + (rivals.size() + 1) + " records";
            out.add(
                new LogEntry(
                    0,
                    connectionId,
                    0,
                    record,
                    items.size() == 1 ? items.get(0) : null,
                    "link",
                    LogStatus.SKIPPED,
                    1,
                    "ambiguous_match",
                    "not linked: " + why + "; link it by hand or make the match unique",
                    0,
                    0,
                    now,
                    detail));
          });
      return out;
    }
  }
}
