package dev.syncengine.core.mapping;

import java.util.List;

/** A mapping document has errors; {@link #problems()} lists them per field. */
public class MappingValidationException extends Exception {
  private final List<Problem> problems;

  public MappingValidationException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("invalid mapping");
    for (Problem p : problems) {
      sb.append("; ").append(p.field() == null ? "" : p.field() + ": ").append(p.message());
    }
    return sb.toString();
  }

  /**
   * One finding.
   *
   * @param field the target field slug, or null for the whole document
   * @param rule the rule kind or expression at fault, or null
   * @param message what is wrong
   * @param error true for an error, false for a warning
   */
  public record Problem(String field, String rule, String message, boolean error) {}
}
