package dev.syncengine.webflow;

import dev.syncengine.core.model.FieldConstraints;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;

/**
 * What Webflow documents about the size of values and collections, as the engine's {@link
 * FieldConstraints}. The plan-dependent limits (items per collection, references per field) are not
 * stated in Webflow's API reference; a connection names its plan's values with {@link
 * WebflowPlanLimits}. Immutable.
 */
public final class WebflowLimits {
  /**
   * The largest image Webflow takes: "The maximum file size for images is 4MB" (Image), "for each
   * image is 4MB" (Multi-Image),
   * https://developers.webflow.com/data/reference/field-types-item-values; webflow-api.md "Field
   * types and values": "{url, alt?} (public URL, max 4 MB)". Read as 4 MiB.
   */
  public static final long MAX_IMAGE_BYTES = 4L * 1024 * 1024;

  /**
   * Images in one MultiImage field. Not in the API reference; Webflow's help centre on multi-image
   * fields gives 25, and the engine has kept 25 since its first mapping release.
   */
  public static final int MAX_MULTI_IMAGES = 25;

  /**
   * Fields in one collection: "Collections are limited to 60 fields per collection"
   * (https://developers.webflow.com/data/v2.0.0-beta/changelog/2025/1/16, "Create multiple
   * collection fields during collection creation").
   */
  public static final int MAX_FIELDS_PER_COLLECTION = 60;

  private WebflowLimits() {}

  /**
   * The documented constraints of a field kind, with the plan's reference limit for MultiReference.
   */
  public static FieldConstraints constraintsOf(TargetKind kind, WebflowPlanLimits plan) {
    return switch (kind) {
      case IMAGE -> new FieldConstraints(null, MAX_IMAGE_BYTES);
      case MULTI_IMAGE -> new FieldConstraints(MAX_MULTI_IMAGES, MAX_IMAGE_BYTES);
      case MULTI_REFERENCE ->
          plan.maxReferencesPerField() == null
              ? FieldConstraints.NONE
              : new FieldConstraints(plan.maxReferencesPerField(), null);
      default -> FieldConstraints.NONE;
    };
  }

  /** The schema with each field's constraints: the documented ones and the plan's. */
  public static TargetSchema withConstraints(TargetSchema schema, WebflowPlanLimits plan) {
    return new TargetSchema(
            schema.collectionId(),
            schema.name(),
            schema.fields().stream()
                .map(f -> f.withConstraints(constraintsOf(f.kind(), plan)))
                .toList())
        .withLocales(schema.locales()); // the site's locales stay as they were
  }
}
