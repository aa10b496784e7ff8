package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** PlainText and RichText coercion. Thread-safe. */
final class TextCoercers {
  private TextCoercers() {}

  /**
   * PlainText: any scalar as text, honouring {@code maxLength}, {@code minLength}, {@code
   * singleLine}.
   */
  static Coercer plainText(JsonNode validations, String type) {
    int max = validations.path("maxLength").asInt(0);
    int min = validations.path("minLength").asInt(0);
    boolean singleLine = validations.path("singleLine").asBoolean(false);
    return (v, issues) -> {
      if (v.isObject() && !isDate(v) && !v.has("url") && !v.has("value") && !v.has("label")) {
        throw Coercer.cannot(v, type, "an object has no plain text form");
      }
      String s = Values.text(v);
      if (singleLine && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
        s = s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
      }
      int length = s.codePointCount(0, s.length());
      if (max > 0 && length > max) {
        issues.warn("text of " + length + " characters cut to the maximum of " + max);
        s = s.substring(0, s.offsetByCodePoints(0, max));
      }
      if (min > 0 && length < min) {
        throw Coercer.cannot(v, type, "shorter than the minimum of " + min + " characters");
      }
      return Values.JSON.textNode(s);
    };
  }

  /** RichText: HTML passes; plain text becomes escaped paragraphs. */
  static Coercer richText(String type) {
    return (v, issues) -> {
      if (v.isObject() && v.hasNonNull("html")) {
        return Values.JSON.textNode(v.get("html").asText());
      }
      if (v.isObject() && !isDate(v)) {
        throw Coercer.cannot(v, type, "an object has no HTML form");
      }
      String s = Values.text(v);
      return Values.JSON.textNode(looksLikeHtml(s) ? s : paragraphs(s));
    };
  }

  /** A date object or date range: written as its date(s). */
  private static boolean isDate(JsonNode v) {
    return v.has("date") || v.has("from_date") || v.has("to_date");
  }

  static boolean looksLikeHtml(String s) {
    String t = s.stripLeading();
    return t.startsWith("<") && t.indexOf('>') > 0 && t.stripTrailing().endsWith(">");
  }

  /** Blank lines separate paragraphs; single line breaks become {@code <br>}. */
  static String paragraphs(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (String para : text.strip().split("\\r?\\n\\s*\\r?\\n")) {
      if (para.isBlank()) {
        continue;
      }
      sb.append("<p>");
      String[] lines = para.strip().split("\\r?\\n");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          sb.append("<br>");
        }
        escape(lines[i], sb);
      }
      sb.append("</p>");
    }
    return sb.toString();
  }

  static void escape(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
  }
}
