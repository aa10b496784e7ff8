package dev.syncengine.core.model;

/**
 * A connection option holds a value the engine does not accept. The message and {@link #option()}
 * name the option and what it accepts, never the value given.
 *
 * <pre>{@code
 * try {
 *   engine.admin().update(connection);
 * } catch (InvalidOptionException e) {
 *   show(e.option(), e.accepted());   // "twoWay.conflicts", "newest, smartsuite or webflow"
 * }
 * }</pre>
 */
public class InvalidOptionException extends IllegalArgumentException {
  private final String option;
  private final String accepted;

  /**
   * @param option the option's key, e.g. {@code twoWay.conflicts}
   * @param accepted what it accepts, in words: {@code "newest, smartsuite or webflow"}
   */
  public InvalidOptionException(String option, String accepted) {
    super("option '" + option + "' must be " + accepted);
    this.option = option;
    this.accepted = accepted;
  }

  /** The option's key. */
  public String option() {
    return option;
  }

  /** What the option accepts, in words (it completes "must be ..."). */
  public String accepted() {
    return accepted;
  }
}
