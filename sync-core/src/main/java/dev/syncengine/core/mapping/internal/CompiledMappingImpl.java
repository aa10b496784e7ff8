package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.FieldPreview;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled mapping document. Immutable and thread-safe: every plan is immutable and each call
 * keeps its state on its own stack.
 */
public final class CompiledMappingImpl implements CompiledMapping {
  private final List<FieldPlan> fields;
  private final SlugPlan slug;
  private final StatusPlan status;
  private final Map<String, String> aliases;
  private final List<Problem> problems;
  private final ReverseMapping reverse;

  CompiledMappingImpl(
      List<FieldPlan> fields,
      SlugPlan slug,
      StatusPlan status,
      Map<String, String> aliases,
      List<Problem> problems) {
    this(fields, slug, status, aliases, problems, ReverseMapping.NONE);
  }

  CompiledMappingImpl(
      List<FieldPlan> fields,
      SlugPlan slug,
      StatusPlan status,
      Map<String, String> aliases,
      List<Problem> problems,
      ReverseMapping reverse) {
    this.fields = List.copyOf(fields);
    this.slug = slug;
    this.status = status;
    this.aliases = Map.copyOf(aliases);
    this.problems = List.copyOf(problems);
    this.reverse = reverse;
  }

  /** The fields' directions and derived inverses (two-way sync). */
  @Override
  public ReverseMapping reverse() {
    return reverse;
  }

  /** Compile-time findings (warnings only when the mapping compiled). */
  public List<Problem> problems() {
    return problems;
  }

  public List<FieldPlan> fields() {
    return fields;
  }

  @Override
  public MappedItem map(SourceRecord record, MappingContext context) throws MappingException {
    RecordView view = new RecordView(record, aliases);
    ItemAction action = status == null ? ItemAction.DEFAULT : status.action(view);
    ObjectNode fieldData = Values.JSON.objectNode();
    List<String> warnings = null;
    StringBuilder errors = null;
    String firstField = null;
    boolean allRetryable = true;
    Issues issues = new Issues();
    for (FieldPlan plan : fields) {
      issues.clear();
      try {
        JsonNode value = plan.value(view, context, issues);
        if (!value.isMissingNode()) { // missing: left out, the target keeps what it holds
          fieldData.set(plan.target().slug(), value);
        }
      } catch (TransformException | LinkPendingException e) {
        if (errors == null) {
          errors = new StringBuilder();
          firstField = plan.target().slug();
        } else {
          errors.append("; ");
        }
        errors.append(plan.prefix()).append(e.getMessage());
        allRetryable &= e instanceof LinkPendingException;
      }
      if (!issues.warnings().isEmpty()) {
        if (warnings == null) {
          warnings = new ArrayList<>();
        }
        for (String w : issues.warnings()) {
          warnings.add(plan.prefix() + w);
        }
      }
    }
    fieldData.put("slug", slug.slug(view, fieldData.path("name")));
    if (errors != null) {
      if (action != ItemAction.DELETE) {
        throw new MappingException(firstField, errors.toString(), allRetryable);
      }
      // A record on its way out must not be held back by fields nobody will see.
      if (warnings == null) {
        warnings = new ArrayList<>();
      }
      warnings.add(errors.toString());
    }
    return new MappedItem(fieldData, action, warnings == null ? List.of() : warnings);
  }

  /** Maps one record field by field, keeping every error instead of stopping. */
  public Preview preview(
      SourceRecord record, MappingContext context, List<Problem> compileProblems) {
    RecordView view = new RecordView(record, aliases);
    ItemAction action = status == null ? ItemAction.DEFAULT : status.action(view);
    ObjectNode fieldData = Values.JSON.objectNode();
    List<FieldPreview> out = new ArrayList<>();
    for (FieldPlan plan : fields) {
      Issues issues = new Issues();
      JsonNode input = MissingNode.getInstance();
      JsonNode output = MissingNode.getInstance();
      List<String> errors = new ArrayList<>();
      try {
        input = plan.rule().input(view);
        output = plan.value(view, context, issues);
        if (!output.isMissingNode()) {
          fieldData.set(plan.target().slug(), output);
        }
      } catch (LinkPendingException e) {
        errors.add(plan.prefix() + e.getMessage() + " (retried until it has)");
      } catch (TransformException e) {
        errors.add(plan.prefix() + e.getMessage());
      }
      List<String> warnings = new ArrayList<>();
      issues.warnings().forEach(w -> warnings.add(plan.prefix() + w));
      out.add(
          new FieldPreview(
              plan.target().slug(),
              plan.target().type(),
              plan.describeRule(),
              input,
              output,
              errors,
              warnings));
    }
    String s = slug.slug(view, fieldData.path("name"));
    fieldData.put("slug", s);
    out.add(
        Math.min(1, out.size()),
        new FieldPreview(
            "slug",
            "PlainText",
            slug.describe(),
            fieldData.path("name"),
            Values.JSON.textNode(s),
            List.of(),
            List.of()));
    return new Preview(out, fieldData, action, compileProblems);
  }
}
