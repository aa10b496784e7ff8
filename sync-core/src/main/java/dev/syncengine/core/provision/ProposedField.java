package dev.syncengine.core.provision;

import dev.syncengine.core.model.TargetKind;
import java.util.List;
import java.util.Objects;

/**
 * One target field to create, fed by one source field.
 *
 * @param sourceField the source field's slug (its values fill this field)
 * @param displayName the name people see in the target
 * @param slug the target field's slug (the target may normalise it; provisioning uses the slug the
 *     target answers)
 * @param kind what the field accepts; the sink picks its own type for it
 * @param type the sink's name of that type (e.g. {@code PlainText}), for display; null when unknown
 * @param required whether the target should refuse items without it
 * @param options the option names of an {@link TargetKind#OPTION} field, in order (else empty)
 * @param referenceTable for {@link TargetKind#REFERENCE} and {@link TargetKind#MULTI_REFERENCE}:
 *     the source table whose connection's collection the field refers to (null otherwise)
 * @param reason why this kind was proposed, for display; may be null
 */
public record ProposedField(
    String sourceField,
    String displayName,
    String slug,
    TargetKind kind,
    String type,
    boolean required,
    List<String> options,
    String referenceTable,
    String reason) {
  public ProposedField {
    Objects.requireNonNull(sourceField, "sourceField");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(kind, "kind");
    options = options == null ? List.of() : List.copyOf(options);
  }

  /** Whether the field refers to items of a collection. */
  public boolean isReference() {
    return kind == TargetKind.REFERENCE || kind == TargetKind.MULTI_REFERENCE;
  }

  /** The same field with the sink's type name. */
  public ProposedField withType(String typeName) {
    return new ProposedField(
        sourceField, displayName, slug, kind, typeName, required, options, referenceTable, reason);
  }
}
