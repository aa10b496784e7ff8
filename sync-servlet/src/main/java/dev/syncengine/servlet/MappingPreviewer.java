package dev.syncengine.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.servlet.internal.CompilerPreviewer;
import java.util.List;
import java.util.Objects;

/**
 * What the admin API's mapping endpoints ({@code validate}, {@code preview}, {@code suggest}) ask
 * of the mapping engine. The default, {@link #basedOn(MappingCompiler)}, compiles the document and
 * maps one sample record; a richer implementation can be plugged in with {@link
 * SyncServlets.Builder#mappingPreviewer(MappingPreviewer)}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface MappingPreviewer {

  /** Every problem in a mapping document; an empty list means it compiles. */
  List<Problem> validate(Subject subject, JsonNode spec);

  /** Maps one sample record with the document (compiling it first). Never throws for bad input. */
  Preview preview(Subject subject, JsonNode spec, SourceRecord sample);

  /** Proposes field pairings (and, where the implementation can, a whole document). */
  Suggestion suggest(Subject subject);

  /**
   * The default: {@link MappingCompiler#compile} for validation and preview, name matching for
   * suggestions.
   */
  static MappingPreviewer basedOn(MappingCompiler compiler) {
    Objects.requireNonNull(compiler, "compiler");
    if (compiler instanceof dev.syncengine.core.mapping.DefaultMappingCompiler d) {
      return new dev.syncengine.servlet.internal.DefaultCompilerPreviewer(d);
    }
    return new CompilerPreviewer(compiler);
  }

  /**
   * What a mapping is for.
   *
   * @param connection the connection
   * @param source the source table's schema
   * @param target the target collection's schema
   * @param links resolves linked records to target item ids
   */
  record Subject(
      ConnectionConfig connection,
      SourceSchema source,
      TargetSchema target,
      MappingContext links) {}

  /**
   * One finding.
   *
   * @param field the target field slug, or null for the whole document
   * @param rule the rule kind or expression at fault, or null
   * @param message what is wrong
   * @param error true for an error, false for a warning
   */
  record Problem(String field, String rule, String message, boolean error) {}

  /**
   * The outcome of mapping a sample.
   *
   * @param fieldData what would be written, or null when mapping failed
   * @param action the status rule's choice, or null when mapping failed
   * @param warnings non-fatal findings
   * @param problems why it failed (empty when it worked)
   * @param fields per target field: input value, rule, output, errors and warnings (empty when the
   *     implementation cannot tell)
   */
  record Preview(
      ObjectNode fieldData,
      ItemAction action,
      List<String> warnings,
      List<Problem> problems,
      List<dev.syncengine.core.mapping.FieldPreview> fields) {
    public Preview {
      warnings = List.copyOf(warnings);
      problems = List.copyOf(problems);
      fields = List.copyOf(fields);
    }

    public Preview(
        ObjectNode fieldData, ItemAction action, List<String> warnings, List<Problem> problems) {
      this(fieldData, action, warnings, problems, List.of());
    }

    public boolean ok() {
      return fieldData != null
          && problems.stream().noneMatch(Problem::error)
          && fields.stream().allMatch(dev.syncengine.core.mapping.FieldPreview::ok);
    }
  }

  /**
   * Proposed pairings.
   *
   * @param spec a complete mapping document, or null when the implementation proposes pairs only
   * @param matches target field → source field pairs
   */
  record Suggestion(JsonNode spec, List<FieldMatch> matches) {
    public Suggestion {
      matches = List.copyOf(matches);
    }
  }

  /**
   * One proposed pairing.
   *
   * @param targetField target field slug
   * @param sourceField source field slug
   * @param reason why they were paired, e.g. "same name"
   */
  record FieldMatch(String targetField, String sourceField, String reason) {}
}
