package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * A field of a simulated collection.
 *
 * @param slug the key in {@code fieldData}
 * @param type a Webflow field type: PlainText, RichText, Number, Switch, DateTime, Option,
 *     Reference, MultiReference, Link, Email, Phone, Color, Image, File, MultiImage, VideoLink
 * @param required whether creates must set it
 * @param validations Webflow's validations object (e.g. {@code {"options":[{"id":..,"name":..}]}})
 */
public record SimField(String slug, String type, boolean required, JsonNode validations) {
  public SimField {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(type, "type");
    validations = validations == null ? JsonNodeFactory.instance.objectNode() : validations;
  }

  public static SimField optional(String slug, String type) {
    return new SimField(slug, type, false, null);
  }

  public static SimField required(String slug, String type) {
    return new SimField(slug, type, true, null);
  }
}
