package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.ItemAction;
import java.util.List;

/**
 * A mapping tried on one sample record, field by field, for the dashboard's live preview. Fields
 * whose rules did not compile are absent from {@link #fields()} and reported in {@link
 * #problems()}.
 *
 * @param fields one entry per mapped target field, {@code name} and {@code slug} first
 * @param fieldData the {@code fieldData} the fields that succeeded produce
 * @param action what the status rule chose
 * @param problems compile-time errors and warnings of the mapping document
 */
public record Preview(
    List<FieldPreview> fields, ObjectNode fieldData, ItemAction action, List<Problem> problems) {
  public Preview {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
  }

  /** True when the document compiled without errors and every field mapped. */
  public boolean ok() {
    return problems.stream().noneMatch(Problem::error)
        && fields.stream().allMatch(FieldPreview::ok);
  }
}
