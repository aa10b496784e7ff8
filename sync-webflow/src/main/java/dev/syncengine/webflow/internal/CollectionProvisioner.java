package dev.syncengine.webflow.internal;

import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.webflow.CreateOutcomeUnknownException;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowCollection;
import dev.syncengine.webflow.WebflowConflictException;
import dev.syncengine.webflow.WebflowErrorCodes;
import dev.syncengine.webflow.WebflowFieldTypes;
import dev.syncengine.webflow.WebflowLimits;
import dev.syncengine.webflow.WebflowValidationException;
import java.util.Optional;

/**
 * Creates collections and fields without ever making two: each create is preceded by a look-up by
 * slug, and a create whose outcome is unknown (timeout, connection reset) or that Webflow refuses
 * as a duplicate (409 {@code duplicate_collection}, or a 400 about the slug) is resolved by looking
 * again. The spec answers 409 for duplicates on both create-collection and create-field. Stateless
 * apart from its clients; thread-safe.
 */
public final class CollectionProvisioner {
  private final WebflowClient client;
  private final SchemaClient schema;

  public CollectionProvisioner(WebflowClient client, SchemaClient schema) {
    this.client = client;
    this.schema = schema;
  }

  /** The site's collection with this slug, with its fields. */
  public Optional<TargetSchema> find(String siteId, String slug) {
    for (WebflowCollection c : client.listCollections(siteId)) {
      if (slug.equals(c.slug())) {
        return Optional.of(client.getCollection(c.id()).toTargetSchema());
      }
    }
    return Optional.empty();
  }

  public TargetSchema createCollection(
      String siteId, String name, String singularName, String slug) {
    Optional<TargetSchema> found = find(siteId, slug);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      WebflowCollection made = schema.createCollection(siteId, name, singularName, slug);
      return client.getCollection(made.id()).toTargetSchema();
    } catch (CreateOutcomeUnknownException | WebflowConflictException e) {
      return find(siteId, slug).orElseThrow(() -> e);
    }
  }

  public TargetField createField(String collectionId, ProposedField f, String referenceTo) {
    String type = WebflowFieldTypes.typeOf(f.kind());
    if (type == null || !SchemaClient.CREATABLE_TYPES.contains(type)) {
      throw new IllegalArgumentException("Webflow cannot create " + f.kind() + " fields");
    }
    var existing = client.getCollection(collectionId).fields();
    Optional<TargetField> there =
        existing.stream().filter(t -> t.slug().equals(f.slug())).findFirst();
    if (there.isPresent()) {
      return there.get();
    }
    if (existing.size() >= WebflowLimits.MAX_FIELDS_PER_COLLECTION) {
      // Webflow's changelog (16 January 2025): "60 fields per collection"; counted with name and
      // slug, so a refusal here is never later than Webflow's own.
      throw new SyncException(
          SyncError.permanent(
              WebflowErrorCodes.PLAN_LIMIT,
              "field '"
                  + f.slug()
                  + "' was not created: collection "
                  + collectionId
                  + " already has "
                  + existing.size()
                  + " fields, Webflow's limit of "
                  + WebflowLimits.MAX_FIELDS_PER_COLLECTION
                  + " per collection",
              f.slug()));
    }
    try {
      return schema.createField(
          collectionId, type, f.displayName(), f.slug(), f.required(), f.options(), referenceTo);
    } catch (CreateOutcomeUnknownException | WebflowConflictException e) {
      return field(collectionId, f.slug()).orElseThrow(() -> e);
    } catch (WebflowValidationException e) {
      // a field made by a lost earlier attempt can make the retry a 400 about the slug
      return field(collectionId, f.slug()).orElseThrow(() -> e);
    }
  }

  /** Whether Webflow's create-field takes fields of this kind. */
  public static boolean canCreate(TargetKind kind) {
    String type = WebflowFieldTypes.typeOf(kind);
    return type != null && SchemaClient.CREATABLE_TYPES.contains(type);
  }

  private Optional<TargetField> field(String collectionId, String slug) {
    return client.getCollection(collectionId).fields().stream()
        .filter(t -> t.slug().equals(slug))
        .findFirst();
  }
}
