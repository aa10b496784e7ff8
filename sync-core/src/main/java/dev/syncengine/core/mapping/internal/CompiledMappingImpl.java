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
import dev.syncengine.core.model.LocaleFields;
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
  private final List<LocalePlan> locales;
  private final Map<String, String> aliases;
  private final List<Problem> problems;
  private final ReverseMapping reverse;

  CompiledMappingImpl(
      List<FieldPlan> fields,
      SlugPlan slug,
      StatusPlan status,
      List<LocalePlan> locales,
      Map<String, String> aliases,
      List<Problem> problems) {
    this(fields, slug, status, locales, aliases, problems, ReverseMapping.NONE);
  }

  CompiledMappingImpl(
      List<FieldPlan> fields,
      SlugPlan slug,
      StatusPlan status,
      List<LocalePlan> locales,
      Map<String, String> aliases,
      List<Problem> problems,
      ReverseMapping reverse) {
    this.fields = List.copyOf(fields);
    this.slug = slug;
    this.status = status;
    this.locales = List.copyOf(locales);
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
    Outcome out = new Outcome();
    ObjectNode fieldData = Values.JSON.objectNode();
    mapFields(fields, "", view, context, fieldData, out);
    fieldData.put("slug", slug.slug(view, fieldData.path("name")));
    if (!locales.isEmpty()) {
      ObjectNode all = fieldData.putObject(LocaleFields.KEY);
      for (LocalePlan l : locales) {
        String prefix = "locale '" + l.key() + "': ";
        mapFields(l.fields(), prefix, view, context, all.putObject(l.locale().id()), out);
      }
    }
    if (out.errors != null) {
      if (action != ItemAction.DELETE) {
        throw new MappingException(out.firstField, out.errors.toString(), out.allRetryable);
      }
      // A record on its way out must not be held back by fields nobody will see.
      out.warnings.add(out.errors.toString());
    }
    return new MappedItem(fieldData, action, out.warnings);
  }

  /** What mapping one record's fields found, across the primary and the locales. */
  private static final class Outcome {
    final List<String> warnings = new ArrayList<>();
    StringBuilder errors;
    String firstField;
    boolean allRetryable = true;
  }

  private static void mapFields(
      List<FieldPlan> plans,
      String prefix,
      RecordView view,
      MappingContext context,
      ObjectNode into,
      Outcome out) {
    Issues issues = new Issues();
    for (FieldPlan plan : plans) {
      issues.clear();
      try {
        JsonNode value = plan.value(view, context, issues);
        if (!value.isMissingNode()) { // missing: left out, the target keeps what it holds
          into.set(plan.target().slug(), value);
        }
      } catch (TransformException | LinkPendingException e) {
        if (out.errors == null) {
          out.errors = new StringBuilder();
          out.firstField = plan.target().slug();
        } else {
          out.errors.append("; ");
        }
        out.errors.append(prefix).append(plan.prefix()).append(e.getMessage());
        out.allRetryable &= e instanceof LinkPendingException;
      }
      for (String w : issues.warnings()) {
        out.warnings.add(prefix + plan.prefix() + w);
      }
    }
  }

  /** Maps one record field by field, keeping every error instead of stopping. */
  public Preview preview(
      SourceRecord record, MappingContext context, List<Problem> compileProblems) {
    RecordView view = new RecordView(record, aliases);
    ItemAction action = status == null ? ItemAction.DEFAULT : status.action(view);
    ObjectNode fieldData = Values.JSON.objectNode();
    List<FieldPreview> out = new ArrayList<>();
    for (FieldPlan plan : fields) {
      out.add(previewField(plan, "", view, context, fieldData));
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
    if (!locales.isEmpty()) {
      ObjectNode all = fieldData.putObject(LocaleFields.KEY);
      for (LocalePlan l : locales) {
        ObjectNode into = all.putObject(l.locale().id());
        for (FieldPlan plan : l.fields()) {
          out.add(previewField(plan, "locales." + l.key() + ".", view, context, into));
        }
      }
    }
    return new Preview(out, fieldData, action, compileProblems);
  }

  /** One field's preview; a locale's fields are named {@code locales.<key>.<slug>}. */
  private static FieldPreview previewField(
      FieldPlan plan, String namePrefix, RecordView view, MappingContext context, ObjectNode into) {
    Issues issues = new Issues();
    JsonNode input = MissingNode.getInstance();
    JsonNode output = MissingNode.getInstance();
    List<String> errors = new ArrayList<>();
    try {
      input = plan.rule().input(view);
      output = plan.value(view, context, issues);
      if (!output.isMissingNode()) {
        into.set(plan.target().slug(), output);
      }
    } catch (LinkPendingException e) {
      errors.add(plan.prefix() + e.getMessage() + " (retried until it has)");
    } catch (TransformException e) {
      errors.add(plan.prefix() + e.getMessage());
    }
    List<String> warnings = new ArrayList<>();
    issues.warnings().forEach(w -> warnings.add(plan.prefix() + w));
    return new FieldPreview(
        namePrefix + plan.target().slug(),
        plan.target().type(),
        plan.describeRule(),
        input,
        output,
        errors,
        warnings);
  }
}
