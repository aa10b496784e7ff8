package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Renders SmartDoc's ProseMirror document as HTML, for rich text values that come without an {@code
 * html} rendering. Unknown nodes render their children; text is always escaped. Stateless.
 */
public final class ProseMirrorHtml {
  private static final Map<String, String> BLOCKS =
      Map.ofEntries(
          Map.entry("paragraph", "p"),
          Map.entry("blockquote", "blockquote"),
          Map.entry("bullet_list", "ul"),
          Map.entry("bulletList", "ul"),
          Map.entry("ordered_list", "ol"),
          Map.entry("orderedList", "ol"),
          Map.entry("list_item", "li"),
          Map.entry("listItem", "li"),
          Map.entry("table", "table"),
          Map.entry("table_row", "tr"),
          Map.entry("table_cell", "td"),
          Map.entry("table_header", "th"));
  private static final Map<String, String> MARKS =
      Map.of(
          "bold", "strong",
          "strong", "strong",
          "italic", "em",
          "em", "em",
          "underline", "u",
          "strike", "s",
          "strikethrough", "s",
          "code", "code");

  private ProseMirrorHtml() {}

  public static String render(JsonNode doc) {
    StringBuilder out = new StringBuilder();
    node(doc, out);
    return out.toString();
  }

  private static void node(JsonNode n, StringBuilder out) {
    String type = n.path("type").asText("");
    switch (type) {
      case "text" -> text(n, out);
      case "hard_break", "hardBreak" -> out.append("<br>");
      case "horizontal_rule", "horizontalRule" -> out.append("<hr>");
      case "heading" -> {
        int level = Math.max(1, Math.min(6, n.path("attrs").path("level").asInt(1)));
        out.append("<h").append(level).append('>');
        children(n, out);
        out.append("</h").append(level).append('>');
      }
      case "code_block", "codeBlock" -> {
        out.append("<pre><code>");
        children(n, out);
        out.append("</code></pre>");
      }
      default -> {
        String tag = BLOCKS.get(type);
        if (tag != null) {
          out.append('<').append(tag).append('>');
        }
        children(n, out);
        if (tag != null) {
          out.append("</").append(tag).append('>');
        }
      }
    }
  }

  private static void children(JsonNode n, StringBuilder out) {
    for (JsonNode c : n.path("content")) {
      node(c, out);
    }
  }

  private static void text(JsonNode n, StringBuilder out) {
    StringBuilder close = new StringBuilder();
    for (JsonNode m : n.path("marks")) {
      String type = m.path("type").asText();
      if (type.equals("link")) {
        out.append("<a href=\"")
            .append(escape(m.path("attrs").path("href").asText("")))
            .append("\">");
        close.insert(0, "</a>");
      } else if (MARKS.containsKey(type)) {
        String tag = MARKS.get(type);
        out.append('<').append(tag).append('>');
        close.insert(0, "</" + tag + ">");
      }
    }
    out.append(escape(n.path("text").asText("")));
    out.append(close);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
