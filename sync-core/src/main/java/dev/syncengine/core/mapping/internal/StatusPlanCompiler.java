package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceField;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Compiles the top-level {@code status} section: source status labels to item actions. */
final class StatusPlanCompiler {
  private static final Set<String> STATUS_KEYS = Set.of("source", "actions", "default");

  private final CompileContext ctx;

  StatusPlanCompiler(CompileContext ctx) {
    this.ctx = ctx;
  }

  /** The plan, or null when there is no status section or (after an error) it is unusable. */
  StatusPlan compile(JsonNode spec) {
    if (spec.isMissingNode() || spec.isNull()) {
      return null;
    }
    if (!spec.isObject()) {
      ctx.error(
          null, "status", "\"status\" must be an object {\"source\", \"actions\", \"default\"}");
      return null;
    }
    ctx.unknownKeys(null, "status", spec, STATUS_KEYS, "the status rule");
    if (!ctx.textOrAbsent(null, "status", spec, "source")
        || !ctx.textOrAbsent(null, "status", spec, "default")) {
      return null;
    }
    JsonNode actionsNode = spec.path("actions");
    if (!actionsNode.isMissingNode() && !actionsNode.isNull() && !actionsNode.isObject()) {
      ctx.error(null, "status", "\"actions\" must map status labels to actions");
      return null;
    }
    String name = spec.path("source").asText("");
    Optional<SourceField> source = ctx.sources().resolve(name);
    if (source.isEmpty()) {
      ctx.error(
          null,
          "status",
          "status rule: unknown source field '" + name + "'" + ctx.didYouMean(name));
      return null;
    }
    Map<String, ItemAction> actions = actions(spec.path("actions"));
    ItemAction fallback =
        spec.has("default") ? action(spec.get("default").asText()) : ItemAction.DEFAULT;
    if (actions == null || fallback == null) {
      return null;
    }
    if (actions.isEmpty()) {
      ctx.warn(
          null, "status", "status rule has no \"actions\"; every record gets the default action");
    }
    return new StatusPlan(source.get().slug(), name, actions, fallback);
  }

  /** The actions by status key; null when one (or more, each reported) is unknown. */
  private Map<String, ItemAction> actions(JsonNode actionsNode) {
    Map<String, ItemAction> actions = new HashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = actionsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ItemAction a = action(e.getValue().asText());
      if (a == null) {
        ok = false;
      } else {
        actions.put(StatusPlan.key(e.getKey()), a);
      }
    }
    return ok ? actions : null;
  }

  private ItemAction action(String name) {
    try {
      return ItemAction.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      ctx.error(
          null,
          "status",
          "unknown action '" + name + "'; use publish, draft, archive, delete or default");
      return null;
    }
  }
}
