package dev.syncengine.core.provision;

import java.util.List;

/**
 * A proposal or field that cannot be provisioned as it stands; nothing was created. Each {@link
 * FieldError} names the part at fault, e.g. {@code fields[2].slug}.
 */
public final class ProposalException extends IllegalArgumentException {
  private final List<FieldError> errors;

  /** Thrown with at least one error. */
  public ProposalException(List<FieldError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  /**
   * One thing wrong.
   *
   * @param field the part of the proposal at fault (dotted path), e.g. {@code fields[0].kind}
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder sb = new StringBuilder("the proposal cannot be provisioned: ");
    for (int i = 0; i < errors.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(": ");
      sb.append(errors.get(i).message());
    }
    return sb.toString();
  }
}
