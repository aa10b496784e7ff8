package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.servlet.MappingPreviewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link MappingPreviewer} on a {@link MappingCompiler}. Thread-safe if the compiler is. */
public final class CompilerPreviewer implements MappingPreviewer {
  private final MappingCompiler compiler;

  public CompilerPreviewer(MappingCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public List<Problem> validate(Subject subject, JsonNode spec) {
    try {
      compile(subject, spec);
      return List.of();
    } catch (MappingValidationException e) {
      return problems(e);
    }
  }

  @Override
  public Preview preview(Subject subject, JsonNode spec, SourceRecord sample) {
    CompiledMapping mapping;
    try {
      mapping = compile(subject, spec);
    } catch (MappingValidationException e) {
      return new Preview(null, null, List.of(), problems(e));
    }
    try {
      MappedItem item = mapping.map(sample, subject.links());
      return new Preview(item.fieldData(), item.action(), item.warnings(), List.of());
    } catch (MappingException e) {
      return new Preview(
          null, null, List.of(), List.of(new Problem(e.field(), null, e.getMessage(), true)));
    } catch (RuntimeException e) {
      // A mapping engine bug must show as a failed preview, not a 500.
      return new Preview(
          null,
          null,
          List.of(),
          List.of(
              new Problem(null, null, "mapping failed: " + e.getClass().getSimpleName(), true)));
    }
  }

  @Override
  public Suggestion suggest(Subject subject) {
    List<FieldMatch> matches = new ArrayList<>();
    for (TargetField t : subject.target().fields()) {
      if (!t.editable()) {
        continue;
      }
      SourceField match = null;
      String reason = null;
      for (SourceField s : subject.source().fields()) {
        if (norm(s.slug()).equals(norm(t.slug()))) {
          match = s;
          reason = "same slug";
          break;
        }
      }
      if (match == null) {
        for (SourceField s : subject.source().fields()) {
          if (s.label() != null && norm(s.label()).equals(norm(t.displayName()))) {
            match = s;
            reason = "same name";
            break;
          }
        }
      }
      if (match == null && t.slug().equals("name") && subject.source().primaryField() != null) {
        match = subject.source().field(subject.source().primaryField()).orElse(null);
        reason = "title field";
      }
      if (match != null) {
        matches.add(new FieldMatch(t.slug(), match.slug(), reason));
      }
    }
    return new Suggestion(null, matches);
  }

  private CompiledMapping compile(Subject subject, JsonNode spec)
      throws MappingValidationException {
    MappingVersion draft = new MappingVersion(subject.connection().id(), 0, spec, Instant.EPOCH);
    try {
      return compiler.compile(draft, subject.source(), subject.target());
    } catch (RuntimeException e) {
      throw new MappingValidationException(
          List.of(
              new MappingValidationException.Problem(
                  null,
                  null,
                  "mapping could not be compiled: " + e.getClass().getSimpleName(),
                  true)));
    }
  }

  private static List<Problem> problems(MappingValidationException e) {
    List<Problem> out = new ArrayList<>();
    for (MappingValidationException.Problem p : e.problems()) {
      out.add(new Problem(p.field(), p.rule(), p.message(), p.error()));
    }
    return out;
  }

  private static String norm(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
