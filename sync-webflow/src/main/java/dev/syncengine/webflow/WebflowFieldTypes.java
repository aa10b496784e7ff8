package dev.syncengine.webflow;

import dev.syncengine.core.model.TargetKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Webflow field types a mapping can write, and the kind of each: the one list of them. Types
 * and their value shapes are those of webflow-api.md, "Field types and values in fieldData"; any
 * other type (User, MultiExternalFile, ...) is {@link TargetKind#UNSUPPORTED}. Immutable.
 */
public final class WebflowFieldTypes {
  private static final Map<String, TargetKind> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("PlainText", TargetKind.TEXT);
    KINDS.put("RichText", TargetKind.RICH_TEXT);
    KINDS.put("Number", TargetKind.NUMBER);
    KINDS.put("Switch", TargetKind.BOOLEAN);
    KINDS.put("DateTime", TargetKind.DATE_TIME);
    KINDS.put("Option", TargetKind.OPTION);
    KINDS.put("Reference", TargetKind.REFERENCE);
    KINDS.put("MultiReference", TargetKind.MULTI_REFERENCE);
    KINDS.put("Image", TargetKind.IMAGE);
    KINDS.put("MultiImage", TargetKind.MULTI_IMAGE);
    KINDS.put("File", TargetKind.FILE);
    KINDS.put("Link", TargetKind.LINK);
    KINDS.put("Email", TargetKind.EMAIL);
    KINDS.put("Phone", TargetKind.PHONE);
    KINDS.put("Color", TargetKind.COLOR);
    KINDS.put("VideoLink", TargetKind.VIDEO_LINK);
  }

  private WebflowFieldTypes() {}

  /** The kind of a Webflow field type; {@link TargetKind#UNSUPPORTED} for any other. */
  public static TargetKind kindOf(String type) {
    return KINDS.getOrDefault(type, TargetKind.UNSUPPORTED);
  }

  /** The Webflow field type of a kind, or null for {@link TargetKind#UNSUPPORTED}. */
  public static String typeOf(TargetKind kind) {
    for (Map.Entry<String, TargetKind> e : KINDS.entrySet()) {
      if (e.getValue() == kind) {
        return e.getKey();
      }
    }
    return null;
  }
}
