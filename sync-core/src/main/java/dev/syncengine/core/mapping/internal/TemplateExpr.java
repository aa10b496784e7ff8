package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One expression inside {@code {{ }}}: a field, a literal, or a transform call. Immutable. */
public sealed interface TemplateExpr {
  JsonNode eval(RecordView record);

  /** A source field, resolved to its slug when the mapping compiled. */
  record Field(String slug, String name) implements TemplateExpr {
    @Override
    public JsonNode eval(RecordView record) {
      return record.get(slug);
    }
  }

  /** A quoted string or a number. */
  record Literal(JsonNode value) implements TemplateExpr {
    @Override
    public JsonNode eval(RecordView record) {
      return value;
    }
  }

  /** {@code transform(value, args...)}. */
  record Call(Transform transform, TemplateExpr value, List<TemplateExpr> args)
      implements TemplateExpr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public JsonNode eval(RecordView record) {
      List<JsonNode> values = new ArrayList<>(args.size());
      for (TemplateExpr a : args) {
        values.add(a.eval(record));
      }
      return transform.apply(value.eval(record), values);
    }
  }
}
