package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the source field names a mapping uses (slug or label, case-insensitive labels) against
 * the source schema. Every record also has {@code id} and {@code title}. Immutable, thread-safe.
 */
public final class SourceFields {
  /** The type name of the record id, which every record has as field {@code id}. */
  public static final String RECORD_ID_TYPE = "recordid";

  /** The type name of the title when the schema does not list it. */
  static final String TITLE_TYPE = "text";

  private final SourceSchema schema;
  private final Map<String, String> aliases;

  public SourceFields(SourceSchema schema) {
    this.schema = schema;
    this.aliases = aliases(schema);
  }

  /** The field a name refers to (slug first, then label), or empty. */
  public Optional<SourceField> resolve(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    Optional<SourceField> f = schema == null ? Optional.empty() : schema.field(name.strip());
    if (f.isPresent()) {
      return f;
    }
    if (name.strip().equals("id")) {
      return Optional.of(
          new SourceField(
              "id", "Record ID", RECORD_ID_TYPE, SourceKind.TEXT, MissingNode.getInstance()));
    }
    if (name.strip().equals("title")) {
      return Optional.of(
          new SourceField(
              "title", "Title", TITLE_TYPE, SourceKind.TEXT, MissingNode.getInstance()));
    }
    return Optional.empty();
  }

  /**
   * Label to slug, for labels that differ from every slug and from one another: these make fields
   * addressable by label inside JSONata.
   */
  public Map<String, String> aliases() {
    return aliases;
  }

  /** Up to three known names close to {@code name}, for "did you mean" hints. */
  public List<String> closest(String name) {
    List<String> names = new ArrayList<>();
    if (schema != null) {
      for (SourceField f : schema.fields()) {
        names.add(f.label() == null ? f.slug() : f.label());
      }
    }
    return NameSimilarity.closest(name, names, 3);
  }

  private static Map<String, String> aliases(SourceSchema schema) {
    Map<String, String> out = new LinkedHashMap<>();
    if (schema == null) {
      return out;
    }
    Set<String> slugs = new HashSet<>(List.of("id", "title"));
    Set<String> clashing = new HashSet<>();
    for (SourceField f : schema.fields()) {
      slugs.add(f.slug());
    }
    for (SourceField f : schema.fields()) {
      String label = f.label();
      if (label == null || label.equals(f.slug()) || slugs.contains(label)) {
        continue;
      }
      if (out.putIfAbsent(label, f.slug()) != null) {
        clashing.add(label);
      }
    }
    clashing.forEach(out::remove);
    return out;
  }
}
