package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingSuggester;
import dev.syncengine.core.mapping.MappingSuggestion;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.servlet.MappingPreviewer;
import java.util.List;

/**
 * {@link MappingPreviewer} on the library's own mapping engine: field-by-field preview (input,
 * rule, output, errors) and suggestions by name similarity and type compatibility that come with a
 * complete mapping document. Thread-safe.
 */
public final class DefaultCompilerPreviewer implements MappingPreviewer {
  private final DefaultMappingCompiler compiler;
  private final MappingSuggester suggester = new MappingSuggester();

  public DefaultCompilerPreviewer(DefaultMappingCompiler compiler) {
    this.compiler = compiler;
  }

  private static List<MappingPreviewer.Problem> problems(
      List<MappingValidationException.Problem> problems) {
    return problems.stream()
        .map(p -> new MappingPreviewer.Problem(p.field(), p.rule(), p.message(), p.error()))
        .toList();
  }

  @Override
  public List<Problem> validate(Subject subject, JsonNode spec) {
    return problems(compiler.validate(spec, subject.source(), subject.target()));
  }

  @Override
  public MappingPreviewer.Preview preview(Subject subject, JsonNode spec, SourceRecord sample) {
    dev.syncengine.core.mapping.Preview p =
        compiler.preview(spec, subject.source(), subject.target(), sample, subject.links());
    List<String> warnings =
        p.fields().stream()
            .flatMap(f -> f.warnings().stream().map(w -> f.field() + ": " + w))
            .toList();
    boolean compiled = p.problems().stream().noneMatch(x -> x.error());
    return new MappingPreviewer.Preview(
        compiled ? p.fieldData() : null,
        compiled ? p.action() : null,
        warnings,
        problems(p.problems()),
        p.fields());
  }

  @Override
  public Suggestion suggest(Subject subject) {
    List<MappingSuggestion> s = suggester.suggest(subject.source(), subject.target());
    return new Suggestion(
        MappingSuggester.toDocument(s),
        s.stream().map(m -> new FieldMatch(m.targetField(), m.sourceField(), m.reason())).toList());
  }
}
