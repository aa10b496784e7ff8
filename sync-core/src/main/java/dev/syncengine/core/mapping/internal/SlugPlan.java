package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.Slugs;

/**
 * The item slug: the slugified template output (by default the item's name), else {@code
 * item-<source id>}. Immutable, thread-safe.
 */
public record SlugPlan(Template template, int maxLength) {
  public String slug(RecordView record, JsonNode name) {
    String text = template == null ? Values.text(name) : template.render(record);
    String slug = Slugs.slugify(text, maxLength);
    if (!slug.isEmpty()) {
      return slug;
    }
    String id = Slugs.slugify(record.record().id(), maxLength - 5);
    return id.isEmpty() ? "item" : "item-" + id;
  }

  public String describe() {
    return template == null ? "slug(kebab(name))" : "slug(template)";
  }
}
