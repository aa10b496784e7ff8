package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.syncengine.core.model.TargetField;
import java.util.Map;
import java.util.Set;

/** Picks the coercer for a Webflow field type. Thread-safe. */
public final class Coercers {
  /** The Webflow field types a mapping can write. */
  public static final Set<String> WRITABLE_TYPES =
      Set.of(
          "PlainText",
          "RichText",
          "Number",
          "Switch",
          "DateTime",
          "Option",
          "Reference",
          "MultiReference",
          "Image",
          "MultiImage",
          "File",
          "Link",
          "Email",
          "Phone",
          "Color",
          "VideoLink");

  private Coercers() {}

  /**
   * The coercer for a field.
   *
   * @param optionOverrides source label to option name or id (Option fields only)
   * @return the coercer, or null when the type cannot be written
   */
  public static Coercer forField(TargetField field, Map<String, String> optionOverrides) {
    JsonNode v = field.validations() == null ? MissingNode.getInstance() : field.validations();
    return switch (field.type()) {
      case "PlainText" -> TextCoercers.plainText(v);
      case "RichText" -> TextCoercers.richText();
      case "Number" -> ScalarCoercers.number(v);
      case "Switch" -> ScalarCoercers.switchField();
      case "DateTime" -> ScalarCoercers.dateTime();
      case "Option" -> new OptionCoercer(v, optionOverrides);
      case "Reference" -> ReferenceCoercers.reference();
      case "MultiReference" -> ReferenceCoercers.multiReference();
      case "Image", "File" -> MediaCoercers.single(field.type());
      case "MultiImage" -> MediaCoercers.multiImage();
      case "Link" -> LinkCoercers.link();
      case "VideoLink" -> LinkCoercers.videoLink();
      case "Email" -> LinkCoercers.email();
      case "Phone" -> LinkCoercers.phone();
      case "Color" -> new ColorCoercer();
      default -> null;
    };
  }
}
