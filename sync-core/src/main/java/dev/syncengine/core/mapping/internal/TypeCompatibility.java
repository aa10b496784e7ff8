package dev.syncengine.core.mapping.internal;

import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which source kinds a direct or reference rule may map to which target kinds. The table in {@code
 * docs/mapping.md} is {@link #markdownTable} with the adapters' type names. Immutable, thread-safe.
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

  /** Target kinds in column order (every kind a mapping can write). */
  public static final List<TargetKind> TARGET_KINDS =
      List.of(
          TargetKind.TEXT,
          TargetKind.RICH_TEXT,
          TargetKind.NUMBER,
          TargetKind.BOOLEAN,
          TargetKind.DATE_TIME,
          TargetKind.OPTION,
          TargetKind.REFERENCE,
          TargetKind.MULTI_REFERENCE,
          TargetKind.IMAGE,
          TargetKind.MULTI_IMAGE,
          TargetKind.FILE,
          TargetKind.LINK,
          TargetKind.EMAIL,
          TargetKind.PHONE,
          TargetKind.COLOR,
          TargetKind.VIDEO_LINK);

  // One row per source kind; one character per TARGET_KINDS column:
  // Y yes, L lossy (checked per record), R reference rule only, N no.
  private static final Map<SourceKind, String> ROWS = new EnumMap<>(SourceKind.class);

  static {
    row(SourceKind.TEXT, "YYLLLLNNLLLLLLLL");
    row(SourceKind.RICH_TEXT, "LYNNNNNNNNNNNNNN");
    row(SourceKind.NUMBER, "YYYLNLNNNNNNNNNN");
    row(SourceKind.DATE, "YLNNYNNNNNNNNNNN");
    row(SourceKind.DATE_RANGE, "LLNNLNNNNNNNNNNN");
    row(SourceKind.CHOICE, "YYNLNYNNNNNNNNLN");
    row(SourceKind.MULTI_CHOICE, "LLNNNLNNNNNNNNNN");
    row(SourceKind.LINKED_RECORDS, "NNNNNNRRNNNNNNNN");
    row(SourceKind.FILES, "LNNNNNNNYYYLNNNN");
    row(SourceKind.BOOLEAN, "LLNYNLNNNNNNNNNN");
    row(SourceKind.EMAIL, "YLNNNNNNNNNLYNNN");
    row(SourceKind.LINK, "YLNNNNNNLLLYNNNY");
    row(SourceKind.PHONE, "YLNNNNNNNNNNNYNN");
    row(SourceKind.ADDRESS, "YYNNNNNNNNNNNNNN");
    row(SourceKind.USER, "LNNNNNNNNNNNNNNN");
    row(SourceKind.COLOR, "YNNNNNNNNNNNNNYN");
    row(SourceKind.COMPUTED, "YLLLLLNNLLLLLLLL");
  }

  private TypeCompatibility() {}

  private static void row(SourceKind kind, String marks) {
    if (marks.length() != TARGET_KINDS.size()) {
      throw new IllegalStateException("row " + kind + " has " + marks.length() + " marks");
    }
    ROWS.put(kind, marks);
  }

  /** The fit of a source kind to a target kind; an unknown source kind is LOSSY. */
  public static Fit of(SourceKind source, TargetKind target) {
    int col = TARGET_KINDS.indexOf(target);
    if (col < 0) {
      return Fit.NO;
    }
    String marks = ROWS.get(source);
    if (marks == null) {
      return Fit.LOSSY;
    }
    return fit(marks.charAt(col));
  }

  private static Fit fit(char c) {
    return switch (c) {
      case 'Y' -> Fit.YES;
      case 'L' -> Fit.LOSSY;
      case 'R' -> Fit.REFERENCE;
      default -> Fit.NO;
    };
  }

  /**
   * The matrix as a Markdown table, as published in {@code docs/mapping.md}: rows name the source's
   * types of each kind, columns the target's type of each kind.
   *
   * @param sourceHeading the heading of the first column, e.g. "Source field types"
   * @param sourceTypes the source's type names of a kind (rows without any are left out)
   * @param targetType the target's type name of a kind
   */
  public static String markdownTable(
      String sourceHeading,
      Function<SourceKind, List<String>> sourceTypes,
      Function<TargetKind, String> targetType) {
    StringBuilder sb = new StringBuilder("| ").append(sourceHeading).append(" |");
    for (TargetKind t : TARGET_KINDS) {
      sb.append(' ').append(targetType.apply(t)).append(" |");
    }
    sb.append("\n|---|");
    sb.append("---|".repeat(TARGET_KINDS.size())).append('\n');
    for (Map.Entry<SourceKind, String> e : ROWS.entrySet()) {
      List<String> types = new ArrayList<>(sourceTypes.apply(e.getKey()));
      if (e.getKey() == SourceKind.TEXT) {
        types.add(SourceFields.RECORD_ID_TYPE);
      }
      if (types.isEmpty()) {
        continue;
      }
      sb.append("| ").append(e.getKey().label()).append(": ");
      sb.append(String.join(", ", types)).append(" |");
      for (char c : e.getValue().toCharArray()) {
        sb.append(' ').append(fit(c).mark()).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
