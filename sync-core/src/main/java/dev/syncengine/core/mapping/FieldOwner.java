package dev.syncengine.core.mapping;

import java.util.Locale;
import java.util.Map;

/**
 * Who owns a mapped field, i.e. whose edits the sync carries to the other side. The model names the
 * sides by their role ({@link #SOURCE}: the table records come from; {@link #TARGET}: the
 * collection items are written to), as the rest of core does, so core stays vendor-neutral. A
 * mapping document says {@code "owner": "smartsuite" | "webflow" | "both"}, the words its users see
 * in both products, or the neutral {@code "source" | "target" | "both"}; {@link #parse} reads both.
 */
public enum FieldOwner {
  /** Only source edits flow (to the target): today's one-way sync, the default. */
  SOURCE,
  /** Only target edits flow back to the source. */
  TARGET,
  /** Edits on either side flow to the other. */
  BOTH;

  // The product names are spelling aliases of the roles, not vendor logic: this engine syncs
  // SmartSuite tables (source) with Webflow collections (target).
  private static final Map<String, FieldOwner> NAMES =
      Map.of(
          "source", SOURCE,
          "smartsuite", SOURCE,
          "target", TARGET,
          "webflow", TARGET,
          "both", BOTH);

  /** Whether target edits of the field flow back to the source. */
  public boolean targetWrites() {
    return this != SOURCE;
  }

  /** Whether source edits of the field flow to the target. */
  public boolean sourceWrites() {
    return this != TARGET;
  }

  /**
   * The owner a document names; {@code null} is {@link #SOURCE}.
   *
   * @throws IllegalArgumentException for any other word, with the accepted ones
   */
  public static FieldOwner parse(String name) {
    if (name == null) {
      return SOURCE;
    }
    FieldOwner o = NAMES.get(name.strip().toLowerCase(Locale.ROOT));
    if (o == null) {
      throw new IllegalArgumentException(
          "\"owner\" must be \"smartsuite\", \"webflow\" or \"both\" (or \"source\", \"target\"),"
              + " not \""
              + name
              + "\"");
    }
    return o;
  }
}
