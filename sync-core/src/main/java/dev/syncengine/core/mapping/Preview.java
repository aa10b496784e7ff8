package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.ItemAction;
import java.util.List;

/**
 * A mapping tried on one sample record, for the dashboard's live preview ({@link
 * MappingCompiler#preview}). Fields whose rules did not compile are absent from {@link #fields()}
 * and reported in {@link #problems()}.
 *
 * @param fields one entry per mapped target field, {@code name} and {@code slug} first (empty when
 *     the compiler cannot tell field by field)
 * @param fieldData the {@code fieldData} the fields that succeeded produce, or null when the record
 *     could not be mapped at all
 * @param action what the status rule chose, or null when the record could not be mapped
 * @param problems compile-time errors and warnings of the mapping document, and a mapping failure
 * @param warnings non-fatal findings about the record, each prefixed with its field
 */
public record Preview(
    List<FieldPreview> fields,
    ObjectNode fieldData,
    ItemAction action,
    List<Problem> problems,
    List<String> warnings) {
  public Preview {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** A field-by-field preview; {@link #warnings()} are the fields' warnings as {@code field: w}. */
  public Preview(
      List<FieldPreview> fields, ObjectNode fieldData, ItemAction action, List<Problem> problems) {
    this(
        fields,
        fieldData,
        action,
        problems,
        fields.stream()
            .flatMap(f -> f.warnings().stream().map(w -> f.field() + ": " + w))
            .toList());
  }

  /** A preview of a record that could not be mapped: no fields, no fieldData, no action. */
  public static Preview failed(List<Problem> problems) {
    return new Preview(List.of(), null, null, problems, List.of());
  }

  /**
   * True when the document compiled without errors, every field mapped and there is fieldData to
   * write.
   */
  public boolean ok() {
    return fieldData != null
        && problems.stream().noneMatch(Problem::error)
        && fields.stream().allMatch(FieldPreview::ok);
  }
}
