package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.internal.CompiledMappingImpl;
import dev.syncengine.core.mapping.internal.DocumentCompiler;
import dev.syncengine.core.mapping.internal.JsonataExpression;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Compiles mapping documents (format in {@code docs/mapping.md}) into {@link CompiledMapping}s that
 * can be shared by every worker thread.
 *
 * <pre>{@code
 * MappingCompiler compiler = DefaultMappingCompiler.ofDefaults();
 * CompiledMapping mapping = compiler.compile(version, sourceSchema, targetSchema);
 * MappedItem item = mapping.map(record, context);   // item.fieldData() has name and slug
 * }</pre>
 *
 * <p>Every JSONata evaluation is bounded in time ({@link #DEFAULT_JSONATA_TIMEOUT}) and depth
 * ({@link #DEFAULT_JSONATA_MAX_DEPTH}) so a user's expression cannot hang a worker.
 *
 * <p>Immutable and thread-safe.
 */
public final class DefaultMappingCompiler implements MappingCompiler {
  /** Longest one JSONata evaluation may run. */
  public static final Duration DEFAULT_JSONATA_TIMEOUT =
      Duration.ofMillis(JsonataExpression.DEFAULT_TIMEOUT_MILLIS);

  /** Deepest one JSONata evaluation may nest (user recursion included). */
  public static final int DEFAULT_JSONATA_MAX_DEPTH = JsonataExpression.DEFAULT_MAX_DEPTH;

  private final long timeoutMillis;
  private final int maxDepth;

  private DefaultMappingCompiler(Builder b) {
    this.timeoutMillis = b.timeout.toMillis();
    this.maxDepth = b.maxDepth;
  }

  public static DefaultMappingCompiler ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompiledMapping compile(MappingVersion mapping, SourceSchema source, TargetSchema target)
      throws MappingValidationException {
    return compile(mapping.spec(), source, target);
  }

  /**
   * Compiles a mapping document.
   *
   * @throws MappingValidationException with every error (and warning) found, per field
   */
  public CompiledMapping compile(JsonNode spec, SourceSchema source, TargetSchema target)
      throws MappingValidationException {
    DocumentCompiler c = newCompiler(source, target);
    CompiledMappingImpl compiled = c.compile(spec);
    if (c.problems().stream().anyMatch(Problem::error)) {
      throw new MappingValidationException(c.problems());
    }
    return compiled;
  }

  /** Every error and warning of a document, without throwing; empty when it is clean. */
  @Override
  public List<Problem> validate(JsonNode spec, SourceSchema source, TargetSchema target) {
    DocumentCompiler c = newCompiler(source, target);
    c.compile(spec);
    return List.copyOf(c.problems());
  }

  /**
   * Tries a document on one sample record, field by field, as the dashboard's live preview does.
   * Fields whose rules compile are mapped even when others do not; nothing is thrown.
   */
  @Override
  public Preview preview(
      JsonNode spec,
      SourceSchema source,
      TargetSchema target,
      SourceRecord sample,
      MappingContext context) {
    DocumentCompiler c = newCompiler(source, target);
    CompiledMappingImpl compiled = c.compile(spec);
    return compiled.preview(sample, context, c.problems());
  }

  /**
   * Each mapped field's owner and whether its rule can be inverted (for the mapping editor), for a
   * document that may not compile: fields whose rules do not compile are left out; see {@link
   * #validate} for why.
   */
  @Override
  public List<FieldDirection> directions(JsonNode spec, SourceSchema source, TargetSchema target) {
    return newCompiler(source, target).compile(spec).reverse().directions();
  }

  /**
   * Pairs fields by name similarity weighted by type compatibility ({@link MappingSuggester}), with
   * a complete document built from the pairs.
   */
  @Override
  public SuggestedMapping suggest(SourceSchema source, TargetSchema target) {
    List<MappingSuggestion> s = new MappingSuggester().suggest(source, target);
    return new SuggestedMapping(MappingSuggester.toDocument(s), s);
  }

  private DocumentCompiler newCompiler(SourceSchema source, TargetSchema target) {
    Objects.requireNonNull(target, "target");
    return new DocumentCompiler(source, target, timeoutMillis, maxDepth);
  }

  /** Mutable, not thread-safe; {@link #build()} makes an immutable compiler. */
  public static final class Builder {
    private Duration timeout = DEFAULT_JSONATA_TIMEOUT;
    private int maxDepth = DEFAULT_JSONATA_MAX_DEPTH;

    private Builder() {}

    /**
     * Longest one JSONata evaluation may run.
     *
     * @throws IllegalArgumentException unless between 1 ms and 10 s
     */
    public Builder jsonataTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1 || timeout.toMillis() > 10_000) {
        throw new IllegalArgumentException("jsonataTimeout must be 1 ms to 10 s: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Deepest one JSONata evaluation may nest.
     *
     * @throws IllegalArgumentException unless between 10 and 5000
     */
    public Builder jsonataMaxDepth(int maxDepth) {
      if (maxDepth < 10 || maxDepth > 5000) {
        throw new IllegalArgumentException("jsonataMaxDepth must be 10-5000: " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    public DefaultMappingCompiler build() {
      return new DefaultMappingCompiler(this);
    }
  }
}
