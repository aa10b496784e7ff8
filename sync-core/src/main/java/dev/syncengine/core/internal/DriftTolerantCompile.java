package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a mapping version against schemas that may have drifted since it was saved: a rule whose
 * source or target field was deleted, renamed or changed type is <em>paused</em> (left out) and the
 * rest compiles and syncs, instead of every record failing. A rule is paused when
 *
 * <ul>
 *   <li>compiling reports an error on it (a source field gone or renamed, a target field gone, a
 *       type that can no longer convert), or
 *   <li>its source or target field's type differs from the type it had when this engine first
 *       compiled the version (a change that still converts, e.g. number to text, is drift too).
 * </ul>
 *
 * A rule on a required target field (the item name included) is never paused: without it no item
 * could be written, so the mapping fails as before. Stateless; thread-safe.
 */
final class DriftTolerantCompile {

  /** A rule left out, and why. */
  record PausedRule(String field, String reason) {}

  /** The compiled mapping, the rules paused, and the types the rules' fields have now. */
  record Result(CompiledMapping mapping, List<PausedRule> paused, Map<String, String> types) {}

  private DriftTolerantCompile() {}

  /**
   * @param baseline the field types of each rule when this version was first compiled (rule field →
   *     "source type → target type"), or null on the first compile
   * @throws MappingValidationException when the mapping does not compile even with rules paused
   */
  static Result compile(
      MappingCompiler compiler,
      MappingVersion v,
      SourceSchema source,
      TargetSchema target,
      Map<String, String> baseline)
      throws MappingValidationException {
    if (v.spec() == null || !v.spec().isObject()) {
      // not a mapping document of ours (a custom compiler's spec): nothing to pause
      return new Result(compiler.compile(v, source, target), List.of(), Map.of());
    }
    Map<String, String> types = types(v.spec(), source, target);
    Map<String, String> paused = new LinkedHashMap<>();
    if (baseline != null) {
      baseline.forEach(
          (field, was) -> {
            String now = types.get(field);
            if (now != null && !now.equals(was) && pausable(field, target)) {
              paused.put(
                  field,
                  "field types changed from "
                      + was
                      + " to "
                      + now
                      + "; check the rule and save the mapping again to resume it");
            }
          });
    }
    MappingValidationException first = null;
    while (true) {
      ObjectNode reduced = v.spec().deepCopy();
      paused.keySet().forEach(f -> ((ObjectNode) reduced.path("fields")).remove(f));
      MappingVersion rv = new MappingVersion(v.connectionId(), v.version(), reduced, v.createdAt());
      try {
        CompiledMapping m = compiler.compile(paused.isEmpty() ? v : rv, source, target);
        List<PausedRule> out = new ArrayList<>();
        paused.forEach((f, why) -> out.add(new PausedRule(f, why)));
        return new Result(m, out, baseline == null ? types : baseline);
      } catch (MappingValidationException e) {
        first = first == null ? e : first;
        // each round pauses at least one more rule, so this ends
        if (!addErrors(e, reduced, target, paused)) {
          throw first;
        }
      }
    }
  }

  /**
   * Adds every error on a pausable rule to {@code paused}.
   *
   * @return false when some error cannot be paused (a document-level one, a required field)
   */
  private static boolean addErrors(
      MappingValidationException e,
      JsonNode spec,
      TargetSchema target,
      Map<String, String> paused) {
    Map<String, String> found = new HashMap<>();
    for (Problem p : e.problems()) {
      if (!p.error()) {
        continue;
      }
      if (p.field() == null
          || !spec.path("fields").has(p.field())
          || !pausable(p.field(), target)) {
        return false;
      }
      found.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
    }
    paused.putAll(found);
    return !found.isEmpty();
  }

  /** Rules on required target fields (and the name) are never paused. */
  private static boolean pausable(String field, TargetSchema target) {
    if (field.equals("name")) {
      return false;
    }
    Optional<TargetField> t = target.field(field);
    return t.isEmpty() || !t.get().required();
  }

  /** Each rule's "source type → target type", for the rules whose fields both exist. */
  static Map<String, String> types(JsonNode spec, SourceSchema source, TargetSchema target) {
    Map<String, String> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("fields").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode rule = e.getValue();
      String name = rule.isTextual() ? rule.asText() : rule.path("source").asText(null);
      Optional<TargetField> t = target.field(e.getKey());
      Optional<SourceField> s = name == null ? Optional.empty() : source.field(name);
      if (t.isPresent() && (name == null || s.isPresent())) {
        out.put(e.getKey(), (s.isPresent() ? s.get().type() : "-") + " → " + t.get().type());
      }
    }
    return out;
  }
}
