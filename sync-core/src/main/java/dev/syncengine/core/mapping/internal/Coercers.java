package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import java.util.Map;

/** Picks the coercer for a target field by its kind. Thread-safe. */
public final class Coercers {
  private Coercers() {}

  /** Whether a mapping can write the field's kind. */
  public static boolean writable(TargetField field) {
    return field.kind() != TargetKind.UNSUPPORTED;
  }

  /**
   * The coercer for a field. Messages name the field's type as the target calls it.
   *
   * @param optionOverrides source label to option name or id (option fields only)
   * @return the coercer, or null when the kind cannot be written
   */
  public static Coercer forField(TargetField field, Map<String, String> optionOverrides) {
    JsonNode v = field.validations() == null ? MissingNode.getInstance() : field.validations();
    String type = field.type();
    return switch (field.kind()) {
      case TEXT -> TextCoercers.plainText(v, type);
      case RICH_TEXT -> TextCoercers.richText(type);
      case NUMBER -> ScalarCoercers.number(v, type);
      case BOOLEAN -> ScalarCoercers.switchField(type);
      case DATE_TIME -> ScalarCoercers.dateTime(type);
      case OPTION -> new OptionCoercer(v, optionOverrides, type);
      case REFERENCE -> ReferenceCoercers.reference(type);
      case MULTI_REFERENCE -> ReferenceCoercers.multiReference(type, field.constraints());
      case IMAGE, FILE -> MediaCoercers.single(type, field.constraints());
      case MULTI_IMAGE -> MediaCoercers.multiImage(type, field.constraints());
      case LINK -> LinkCoercers.link(type);
      case VIDEO_LINK -> LinkCoercers.videoLink(type);
      case EMAIL -> LinkCoercers.email(type);
      case PHONE -> LinkCoercers.phone(type);
      case COLOR -> new ColorCoercer(type);
      case UNSUPPORTED -> null;
    };
  }
}
