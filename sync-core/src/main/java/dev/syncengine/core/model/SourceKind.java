package dev.syncengine.core.model;

/**
 * What a source field holds, whatever the source calls its type. A source adapter gives each {@link
 * SourceField} its kind; the mapping checks compatibility and picks conversions by kind.
 */
public enum SourceKind {
  /** Text on one or more lines. */
  TEXT("text"),
  /** HTML. */
  RICH_TEXT("rich text"),
  /** A number. */
  NUMBER("number"),
  /** A day or an instant. */
  DATE("date"),
  /** A span between two dates. */
  DATE_RANGE("date range"),
  /** One choice label. */
  CHOICE("single choice"),
  /** Several choice labels. */
  MULTI_CHOICE("multiple choice"),
  /** Ids of records in another table. */
  LINKED_RECORDS("linked records"),
  /**
   * Files: an array of {@code {url, id?, size?, name?, mimetype?}} (see {@link FileValues}), or of
   * public URLs.
   */
  FILES("files"),
  /** Yes or no. */
  BOOLEAN("yes/no"),
  /** Email addresses. */
  EMAIL("email"),
  /** Web addresses. */
  LINK("link"),
  /** Phone numbers. */
  PHONE("phone"),
  /** A postal address as text. */
  ADDRESS("address"),
  /** Ids of people. */
  USER("user"),
  /** A color. */
  COLOR("color"),
  /** Computed by the source, of no fixed shape. */
  COMPUTED("formula, lookup, rollup"),
  /** Anything else: every conversion is checked per record. */
  UNKNOWN("unknown");

  private final String label;

  SourceKind(String label) {
    this.label = label;
  }

  /** The name people see, as in the compatibility table of {@code docs/mapping.md}. */
  public String label() {
    return label;
  }
}
