package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.TargetField;
import java.util.List;

/**
 * Everything needed to fill one target field: rule, post-transforms, coercion. Immutable,
 * thread-safe.
 */
public final class FieldPlan {
  private final TargetField target;
  private final Rule rule;
  private final List<PostTransform> post;
  private final Coercer coercer;
  private final String prefix;

  FieldPlan(TargetField target, Rule rule, List<PostTransform> post, Coercer coercer) {
    this.target = target;
    this.rule = rule;
    this.post = List.copyOf(post);
    this.coercer = coercer;
    this.prefix =
        "field '" + target.slug() + "' (" + target.type() + "), rule " + describeRule() + ": ";
  }

  public TargetField target() {
    return target;
  }

  public Rule rule() {
    return rule;
  }

  /** The post-transforms, in order. */
  public List<PostTransform> post() {
    return post;
  }

  /** The rule and its post-transforms, e.g. {@code direct(Price) | round(2)}. */
  public String describeRule() {
    StringBuilder sb = new StringBuilder(rule.describe());
    for (PostTransform p : post) {
      sb.append(" | ").append(p);
    }
    return sb.toString();
  }

  /** "field 'price' (Number), rule direct(Price): " — the start of every message about it. */
  public String prefix() {
    return prefix;
  }

  /**
   * The coerced value for a record.
   *
   * @throws TransformException when it cannot be produced (permanent)
   * @throws LinkPendingException when a linked record has not synced yet (retryable)
   */
  public JsonNode value(RecordView record, MappingContext context, Issues issues) {
    JsonNode v = rule.produce(record, context, issues);
    for (PostTransform p : post) {
      v = p.apply(v);
    }
    if (Values.isEmpty(v)) {
      return empty();
    }
    return coercer.coerce(v, issues);
  }

  private JsonNode empty() {
    switch (target.kind()) {
      case BOOLEAN:
        return BooleanNode.FALSE; // sources leave "No" out of records
      case MULTI_REFERENCE:
      case MULTI_IMAGE:
        if (!target.required()) {
          return Values.JSON.arrayNode();
        }
        break;
      default:
        break;
    }
    if (target.required()) {
      throw new TransformException("the field is required in Webflow but the value is empty");
    }
    return NullNode.getInstance();
  }
}
