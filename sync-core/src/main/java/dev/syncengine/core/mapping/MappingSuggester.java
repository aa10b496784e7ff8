package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.internal.Coercers;
import dev.syncengine.core.mapping.internal.NameSimilarity;
import dev.syncengine.core.mapping.internal.TypeCompatibility;
import dev.syncengine.core.mapping.internal.TypeCompatibility.Fit;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Proposes a first mapping: each target field gets the source field whose label is most like its
 * name, among the source fields whose type can convert (see the compatibility matrix). Each source
 * and target field is used at most once; {@code name} takes the table's title field.
 *
 * <pre>{@code
 * List<MappingSuggestion> s = new MappingSuggester().suggest(sourceSchema, targetSchema);
 * ObjectNode draft = MappingSuggester.toDocument(s);   // a mapping document to edit
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MappingSuggester {
  /** Suggestions scoring below this are left out. */
  public static final double DEFAULT_MIN_SCORE = 0.6;

  private final double minScore;

  public MappingSuggester() {
    this(DEFAULT_MIN_SCORE);
  }

  /**
   * @throws IllegalArgumentException unless {@code minScore} is within (0, 1]
   */
  public MappingSuggester(double minScore) {
    if (!(minScore > 0 && minScore <= 1)) {
      throw new IllegalArgumentException("minScore must be in (0, 1]: " + minScore);
    }
    this.minScore = minScore;
  }

  /** Suggestions, best first, at most one per target field and per source field. */
  public List<MappingSuggestion> suggest(SourceSchema source, TargetSchema target) {
    List<MappingSuggestion> candidates = new ArrayList<>();
    for (TargetField t : target.fields()) {
      if (!t.editable() || t.slug().equals("slug") || !Coercers.writable(t)) {
        continue;
      }
      for (SourceField s : source.fields()) {
        MappingSuggestion c = candidate(source, t, s);
        if (c != null && c.score() >= minScore) {
          candidates.add(c);
        }
      }
    }
    candidates.sort(Comparator.comparingDouble(MappingSuggestion::score).reversed());
    Set<String> usedTargets = new HashSet<>();
    Set<String> usedSources = new HashSet<>();
    List<MappingSuggestion> out = new ArrayList<>();
    for (MappingSuggestion c : candidates) {
      if (!usedTargets.contains(c.targetField()) && !usedSources.contains(c.sourceField())) {
        usedTargets.add(c.targetField());
        usedSources.add(c.sourceField());
        out.add(c);
      }
    }
    return out;
  }

  /** A mapping document ({@code format 1}) holding the suggested rules. */
  public static ObjectNode toDocument(List<MappingSuggestion> suggestions) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("format", 1);
    ObjectNode fields = doc.putObject("fields");
    for (MappingSuggestion s : suggestions) {
      fields.putObject(s.targetField()).put("rule", s.rule()).put("source", s.sourceLabel());
    }
    return doc;
  }

  private static MappingSuggestion candidate(SourceSchema schema, TargetField t, SourceField s) {
    String label = s.label() == null ? s.slug() : s.label();
    if (t.slug().equals("name") && s.slug().equals(schema.primaryField())) {
      return new MappingSuggestion(
          t.slug(), s.slug(), label, "direct", 1.0, "the table's title field");
    }
    Fit fit = TypeCompatibility.of(s.kind(), t.kind());
    if (fit == Fit.NO) {
      return null;
    }
    double similarity =
        Math.max(
            NameSimilarity.score(t.displayName(), label), NameSimilarity.score(t.slug(), label));
    double weight = fit == Fit.LOSSY ? 0.8 : 1.0;
    String rule = fit == Fit.REFERENCE ? "reference" : "direct";
    String reason =
        String.format(
            Locale.ROOT,
            "name %.0f%% alike; %s %s %s",
            similarity * 100,
            s.type(),
            fit == Fit.LOSSY ? "converts only some values to" : "fits",
            t.type());
    return new MappingSuggestion(t.slug(), s.slug(), label, rule, similarity * weight, reason);
  }
}
