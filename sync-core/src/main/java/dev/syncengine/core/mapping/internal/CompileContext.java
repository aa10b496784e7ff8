package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.TargetKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the parts of one compilation share: the source fields, the problems collected so far, and
 * the checks every part applies to a spec's keys. Not thread-safe: one per compilation.
 */
final class CompileContext {
  private final SourceFields sources;
  private final long timeoutMillis;
  private final int maxDepth;
  private final List<Problem> problems = new ArrayList<>();

  CompileContext(SourceFields sources, long timeoutMillis, int maxDepth) {
    this.sources = sources;
    this.timeoutMillis = timeoutMillis;
    this.maxDepth = maxDepth;
  }

  SourceFields sources() {
    return sources;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  int maxDepth() {
    return maxDepth;
  }

  List<Problem> problems() {
    return problems;
  }

  void error(String field, String rule, String message) {
    problems.add(new Problem(field, rule, message, true));
  }

  void warn(String field, String rule, String message) {
    problems.add(new Problem(field, rule, message, false));
  }

  /** Warns of keys nobody reads (a typo such as "sourcee" would otherwise pass unnoticed). */
  void unknownKeys(String field, String rule, JsonNode spec, Set<String> known, String in) {
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        warn(
            field,
            rule,
            "unknown key '"
                + key
                + "' in "
                + in
                + " is ignored; it reads "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /**
   * False, with an error, when {@code key} holds an object or an array where a string belongs. A
   * number or boolean is read as its text, as earlier versions did (documents saved then keep
   * working), with a warning.
   */
  boolean textOrAbsent(String field, String rule, JsonNode spec, String key) {
    JsonNode v = spec.get(key);
    if (v == null || v.isNull() || v.isTextual()) {
      return true;
    }
    if (v.isValueNode()) {
      warn(
          field,
          rule,
          "\""
              + key
              + "\" should be a string; the "
              + typeName(v)
              + " is read as \""
              + v.asText()
              + "\"");
      return true;
    }
    error(field, rule, "\"" + key + "\" must be a string, not " + typeName(v));
    return false;
  }

  private static String typeName(JsonNode v) {
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source field a {@code kind} rule for {@code field} names in its {@code "source"}, with its
   * label and type filled in; null, with an error, when it names none or an unknown one.
   */
  SourceField source(String field, String kind, JsonNode spec) {
    if (!textOrAbsent(field, kind, spec, "source")) {
      return null;
    }
    String name = spec.path("source").asText("");
    if (name.isBlank()) {
      error(field, kind, "a " + kind + " rule needs a \"source\" field (slug or label)");
      return null;
    }
    Optional<SourceField> f = sources.resolve(name);
    if (f.isEmpty()) {
      error(field, kind, "unknown source field '" + name + "'" + didYouMean(name));
      return null;
    }
    SourceField sf = f.get();
    return new SourceField(
        sf.slug(),
        sf.label() == null ? sf.slug() : sf.label(),
        sf.type() == null ? "" : sf.type(),
        sf.kind(),
        sf.params());
  }

  /** "; did you mean a, b?" naming the source fields closest to {@code name}, or "". */
  String didYouMean(String name) {
    List<String> near = sources.closest(name);
    return near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?";
  }

  static boolean isReference(TargetKind kind) {
    return kind == TargetKind.REFERENCE || kind == TargetKind.MULTI_REFERENCE;
  }
}
