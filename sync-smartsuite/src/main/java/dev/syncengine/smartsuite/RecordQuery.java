package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The body of a record list call: sort, filter (SmartSuite's filter JSON) and whether to hydrate.
 *
 * <pre>{@code
 * RecordQuery q = RecordQuery.all().sortedBy("first_created", true).sortedBy("id", true);
 * }</pre>
 *
 * @param sort sort keys, first wins
 * @param filter {@code {"operator":"and","fields":[...]}} or null for all records
 * @param hydrated whether SmartSuite should add labels to id-valued fields
 */
public record RecordQuery(List<Sort> sort, JsonNode filter, boolean hydrated) {
  public RecordQuery {
    sort = List.copyOf(sort);
  }

  /** One sort key. */
  public record Sort(String field, boolean ascending) {
    public Sort {
      Objects.requireNonNull(field, "field");
    }
  }

  public static RecordQuery all() {
    return new RecordQuery(List.of(), null, false);
  }

  public RecordQuery sortedBy(String field, boolean ascending) {
    var s = new java.util.ArrayList<>(sort);
    s.add(new Sort(field, ascending));
    return new RecordQuery(s, filter, hydrated);
  }

  public RecordQuery withFilter(JsonNode filter) {
    return new RecordQuery(sort, filter, hydrated);
  }

  public RecordQuery hydrated(boolean hydrated) {
    return new RecordQuery(sort, filter, hydrated);
  }
}
