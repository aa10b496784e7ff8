package dev.syncengine.core.mapping.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which SmartSuite field types a direct or reference rule may map to which Webflow field type. The
 * table in {@code docs/mapping.md} is {@link #markdownTable()}. Immutable, thread-safe.
 */
public final class TypeCompatibility {
  /** How well a source type fits a target type. */
  public enum Fit {
    /** Always converts. */
    YES("✓"),
    /** Converts for some values; checked per record (compile warning). */
    LOSSY("~"),
    /** Only through a {@code reference} rule. */
    REFERENCE("ref"),
    /** Never converts (compile error). */
    NO("✗");

    private final String mark;

    Fit(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  /** Webflow types in column order. */
  public static final List<String> TARGET_TYPES =
      List.of(
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

  // One row per source category; one character per TARGET_TYPES column:
  // Y yes, L lossy (checked per record), R reference rule only, N no.
  private static final Map<String, String> ROWS = new LinkedHashMap<>();
  private static final Map<String, List<String>> CATEGORY_TYPES = new LinkedHashMap<>();

  static {
    row(
        "text",
        "YYLLLLNNLLLLLLLL",
        "recordtitlefield",
        "textfield",
        "textareafield",
        "fullnamefield",
        "ipaddressfield",
        "recordid");
    row("rich text", "LYNNNNNNNNNNNNNN", "richtextareafield");
    row(
        "number",
        "YYYLNLNNNNNNNNNN",
        "numberfield",
        "currencyfield",
        "percentfield",
        "ratingfield",
        "numbersliderfield",
        "percentcompletefield",
        "countfield",
        "autonumberfield",
        "durationfield");
    row("date", "YLNNYNNNNNNNNNNN", "datefield", "duedatefield");
    row("date range", "LLNNLNNNNNNNNNNN", "daterangefield");
    row("single choice", "YYNLNYNNNNNNNNLN", "singleselectfield", "statusfield");
    row("multiple choice", "LLNNNLNNNNNNNNNN", "multipleselectfield", "tagsfield");
    row("linked records", "NNNNNNRRNNNNNNNN", "linkedrecordfield");
    row("files", "LNNNNNNNYYYLNNNN", "filefield", "imagefield");
    row("yes/no", "LLNYNLNNNNNNNNNN", "yesnofield");
    row("email", "YLNNNNNNNNNLYNNN", "emailfield");
    row("link", "YLNNNNNNLLLYNNNY", "linkfield");
    row("phone", "YLNNNNNNNNNNNYNN", "phonefield");
    row("address", "YYNNNNNNNNNNNNNN", "addressfield");
    row("user", "LNNNNNNNNNNNNNNN", "userfield");
    row("color", "YNNNNNNNNNNNNNYN", "colorpickerfield");
    row(
        "formula, lookup, rollup",
        "YLLLLLNNLLLLLLLL",
        "formulafield",
        "lookupfield",
        "rollupfield");
  }

  private TypeCompatibility() {}

  private static void row(String category, String marks, String... types) {
    if (marks.length() != TARGET_TYPES.size()) {
      throw new IllegalStateException("row " + category + " has " + marks.length() + " marks");
    }
    ROWS.put(category, marks);
    CATEGORY_TYPES.put(category, List.of(types));
  }

  /** The fit of a SmartSuite field type to a Webflow type; unknown source types are LOSSY. */
  public static Fit of(String sourceType, String targetType) {
    int col = TARGET_TYPES.indexOf(targetType);
    if (col < 0) {
      return Fit.NO;
    }
    String category = categoryOf(sourceType);
    if (category == null) {
      return Fit.LOSSY;
    }
    return switch (ROWS.get(category).charAt(col)) {
      case 'Y' -> Fit.YES;
      case 'L' -> Fit.LOSSY;
      case 'R' -> Fit.REFERENCE;
      default -> Fit.NO;
    };
  }

  /** The category of a SmartSuite field type, or null when the type is unknown. */
  public static String categoryOf(String sourceType) {
    for (Map.Entry<String, List<String>> e : CATEGORY_TYPES.entrySet()) {
      if (e.getValue().contains(sourceType)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The matrix as a Markdown table, as published in {@code docs/mapping.md}. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder("| SmartSuite field types |");
    for (String t : TARGET_TYPES) {
      sb.append(' ').append(t).append(" |");
    }
    sb.append("\n|---|");
    sb.append("---|".repeat(TARGET_TYPES.size())).append('\n');
    for (Map.Entry<String, String> e : ROWS.entrySet()) {
      sb.append("| ").append(e.getKey()).append(": ");
      sb.append(String.join(", ", CATEGORY_TYPES.get(e.getKey()))).append(" |");
      for (char c : e.getValue().toCharArray()) {
        Fit f = c == 'Y' ? Fit.YES : c == 'L' ? Fit.LOSSY : c == 'R' ? Fit.REFERENCE : Fit.NO;
        sb.append(' ').append(f.mark()).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
