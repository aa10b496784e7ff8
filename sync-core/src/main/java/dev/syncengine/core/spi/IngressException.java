package dev.syncengine.core.spi;

/**
 * A source adapter refused a delivery. {@link Kind#UNAUTHORIZED} maps to 401, {@link
 * Kind#MALFORMED} to 400.
 */
public class IngressException extends Exception {
  /** Why a delivery was refused. */
  public enum Kind {
    UNAUTHORIZED,
    MALFORMED
  }

  private final Kind kind;
  private final String field;

  public IngressException(Kind kind, String message, String field) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public static IngressException unauthorized(String reason) {
    return new IngressException(Kind.UNAUTHORIZED, reason, null);
  }

  public static IngressException malformed(String message, String field) {
    return new IngressException(Kind.MALFORMED, message, field);
  }

  public Kind kind() {
    return kind;
  }

  /** The body field at fault, or null. */
  public String field() {
    return field;
  }
}
