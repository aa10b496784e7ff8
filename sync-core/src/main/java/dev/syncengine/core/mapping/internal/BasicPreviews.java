package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.MappingSuggestion;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.SuggestedMapping;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default validate, preview and suggest of {@code MappingCompiler}, for a compiler that only
 * compiles: the whole record is mapped at once, fields are paired by slug or label. Thread-safe.
 */
public final class BasicPreviews {
  private BasicPreviews() {}

  /** {@code MappingCompiler.compile}, passed in so this class does not depend on the SPI. */
  @FunctionalInterface
  public interface Compile {
    CompiledMapping compile(MappingVersion mapping, SourceSchema source, TargetSchema target)
        throws MappingValidationException;
  }

  public static List<Problem> validate(
      Compile compiler, JsonNode spec, SourceSchema source, TargetSchema target) {
    try {
      compile(compiler, spec, source, target);
      return List.of();
    } catch (MappingValidationException e) {
      return e.problems();
    }
  }

  public static Preview preview(
      Compile compiler,
      JsonNode spec,
      SourceSchema source,
      TargetSchema target,
      SourceRecord sample,
      MappingContext links) {
    CompiledMapping mapping;
    try {
      mapping = compile(compiler, spec, source, target);
    } catch (MappingValidationException e) {
      return Preview.failed(e.problems());
    }
    try {
      MappedItem item = mapping.map(sample, links);
      return new Preview(List.of(), item.fieldData(), item.action(), List.of(), item.warnings());
    } catch (MappingException e) {
      return Preview.failed(List.of(new Problem(e.field(), null, e.getMessage(), true)));
    } catch (RuntimeException e) {
      // A mapping engine bug must show as a failed preview, not a 500.
      return Preview.failed(
          List.of(
              new Problem(null, null, "mapping failed: " + e.getClass().getSimpleName(), true)));
    }
  }

  public static SuggestedMapping suggest(SourceSchema source, TargetSchema target) {
    List<MappingSuggestion> matches = new ArrayList<>();
    for (TargetField t : target.fields()) {
      if (t.editable()) {
        MappingSuggestion m = match(source, t);
        if (m != null) {
          matches.add(m);
        }
      }
    }
    return new SuggestedMapping(null, matches);
  }

  private static MappingSuggestion match(SourceSchema source, TargetField t) {
    for (SourceField s : source.fields()) {
      if (norm(s.slug()).equals(norm(t.slug()))) {
        return suggestion(t, s, "same slug");
      }
    }
    for (SourceField s : source.fields()) {
      if (s.label() != null && norm(s.label()).equals(norm(t.displayName()))) {
        return suggestion(t, s, "same name");
      }
    }
    if (t.slug().equals("name") && source.primaryField() != null) {
      SourceField s = source.field(source.primaryField()).orElse(null);
      return s == null ? null : suggestion(t, s, "title field");
    }
    return null;
  }

  private static MappingSuggestion suggestion(TargetField t, SourceField s, String reason) {
    return new MappingSuggestion(t.slug(), s.slug(), s.label(), "direct", 1.0, reason);
  }

  private static CompiledMapping compile(
      Compile compiler, JsonNode spec, SourceSchema source, TargetSchema target)
      throws MappingValidationException {
    MappingVersion draft = new MappingVersion("draft", 0, spec, Instant.EPOCH);
    try {
      return compiler.compile(draft, source, target);
    } catch (RuntimeException e) {
      throw new MappingValidationException(
          List.of(
              new Problem(
                  null,
                  null,
                  "mapping could not be compiled: " + e.getClass().getSimpleName(),
                  true)));
    }
  }

  private static String norm(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
