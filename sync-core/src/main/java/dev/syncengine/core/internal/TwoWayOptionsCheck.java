package dev.syncengine.core.internal;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.InvalidOptionException;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceSchema;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Refuses a connection whose two-way options ({@link TwoWayOptions}) hold a value the engine does
 * not accept, before it is saved: the parsers fall back to their defaults on anything unknown, so
 * without this a typo ({@code twoWay.deletes=delte}) would silently mean "ask". Stateless.
 */
final class TwoWayOptionsCheck {
  private static final Set<String> BOOLEANS = Set.of("true", "false");
  // "source" and "target" are what TwoWayOptions.conflicts also reads, for adapters of other names
  private static final Set<String> CONFLICTS =
      Set.of("newest", "smartsuite", "webflow", "source", "target");
  private static final Set<String> DELETES = Set.of("ask", "delete", "ignore");

  private TwoWayOptionsCheck() {}

  /**
   * Checks the two-way options of {@code c}.
   *
   * @param previous the stored connection being replaced, or null on create: an item id field
   *     already stored is not checked against the source again (saving other settings must not need
   *     the source to answer)
   * @param schema the source's schema, read only when an item id field is new or changed
   * @throws InvalidOptionException naming the first option at fault and what it accepts
   */
  static void check(ConnectionConfig c, ConnectionConfig previous, Supplier<SourceSchema> schema) {
    oneOf(c, TwoWayOptions.ENABLED, BOOLEANS, "true or false");
    oneOf(c, TwoWayOptions.CONFLICTS, CONFLICTS, "newest, smartsuite or webflow");
    oneOf(c, TwoWayOptions.DELETES, DELETES, "ask, delete or ignore");
    oneOf(c, TwoWayOptions.CREATE_RECORDS, BOOLEANS, "true or false");
    String field = TwoWayOptions.itemIdField(c);
    if (TwoWayOptions.createRecords(c) && field == null) {
      throw new InvalidOptionException(
          TwoWayOptions.ITEM_ID_FIELD,
          "a text field of the source when "
              + TwoWayOptions.CREATE_RECORDS
              + " is true (it holds the item id that keeps those creates idempotent)");
    }
    String before = previous == null ? null : TwoWayOptions.itemIdField(previous);
    if (field != null && !field.equals(before)) {
      textField(field, schema.get());
    }
  }

  private static void oneOf(ConnectionConfig c, String option, Set<String> allowed, String words) {
    String v = c.options().get(option);
    if (v != null && !allowed.contains(v.strip().toLowerCase(Locale.ROOT))) {
      throw new InvalidOptionException(option, words);
    }
  }

  private static void textField(String slug, SourceSchema schema) {
    List<SourceField> text =
        schema.fields().stream().filter(f -> f.kind() == SourceKind.TEXT).toList();
    if (text.stream().noneMatch(f -> Objects.equals(f.slug(), slug))) {
      String names =
          text.isEmpty()
              ? "none"
              : text.stream().map(SourceField::slug).sorted().collect(Collectors.joining(", "));
      throw new InvalidOptionException(
          TwoWayOptions.ITEM_ID_FIELD,
          "the slug of a text field of source table '"
              + schema.name()
              + "' (its text fields: "
              + names
              + ")");
    }
  }
}
