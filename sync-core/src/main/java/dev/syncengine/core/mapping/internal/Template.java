package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed text template: literal text and {@code {{expression}}} parts. Rendering joins the text
 * of each part; empty values render as nothing. Immutable, thread-safe.
 */
public final class Template {
  private final List<Object> parts; // String or TemplateExpr
  private final int sizeHint;

  Template(List<Object> parts) {
    this.parts = List.copyOf(parts);
    int n = 16;
    for (Object p : parts) {
      n += p instanceof String s ? s.length() : 16;
    }
    this.sizeHint = n;
  }

  /** The template's only expression when it has no literal text, else null. */
  public TemplateExpr soleExpression() {
    return parts.size() == 1 && parts.get(0) instanceof TemplateExpr e ? e : null;
  }

  public String render(RecordView record) {
    StringBuilder sb = new StringBuilder(sizeHint);
    for (Object p : parts) {
      if (p instanceof String s) {
        sb.append(s);
      } else {
        JsonNode v = ((TemplateExpr) p).eval(record);
        sb.append(Values.text(v));
      }
    }
    return sb.toString();
  }
}
