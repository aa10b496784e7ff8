package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane.SavedMapping;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.ProposalException;
import dev.syncengine.core.provision.ProposalException.FieldError;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.provision.ProvisionResult;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.TargetProvisioning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposes and creates a connection's target collection, and adds single fields, for {@link
 * AdminService}. Each step is safe to retry: the collection is looked up by slug before it is
 * created, each field by slug in the collection's schema, so a retry after a crash or a timeout
 * creates nothing twice. Thread-safe.
 */
final class Provisioner {
  private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

  /** Saves a mapping document as the connection's next version, validating it first. */
  @FunctionalInterface
  interface MappingSaver {
    SavedMapping save(String connectionId, ObjectNode spec) throws MappingValidationException;
  }

  private final Stores stores;
  private final ConnectionRuntime runtime;

  Provisioner(Stores stores, ConnectionRuntime runtime) {
    this.stores = stores;
    this.runtime = runtime;
  }

  CollectionProposal propose(ConnectionConfig c) {
    TargetProvisioning sink = provisioning(c);
    SourceSchema schema = sourceSchema(c);
    return CollectionProposer.propose(c, schema, stores.connections().list(), sink);
  }

  ProvisionResult provision(ConnectionConfig c, CollectionProposal p, MappingSaver saver)
      throws MappingValidationException {
    TargetProvisioning sink = provisioning(c);
    SourceSchema source = sourceSchema(c);
    check(c, p, source, sink);
    Optional<TargetSchema> found = sink.findCollection(c, p.slug());
    TargetSchema col =
        found.orElseGet(() -> sink.createCollection(c, p.name(), p.singularName(), p.slug()));
    log.info(
        "connection {}: collection {} {}",
        c.id(),
        col.collectionId(),
        found.isPresent() ? "found by slug" : "created");
    // The connection points at the collection before its fields exist: a crash from here on
    // leaves a connection whose retry finds the same collection.
    ConnectionConfig pointed = retarget(c, col.collectionId());
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("name", p.titleField() == null ? source.primaryField() : p.titleField());
    // References last: a reference to a collection (maybe this one) needs it to exist first.
    List<ProposedField> ordered = new ArrayList<>(p.fields());
    ordered.sort((a, b) -> Boolean.compare(a.isReference(), b.isReference()));
    for (ProposedField f : ordered) {
      Optional<TargetField> there = col.field(f.slug());
      TargetField t;
      if (there.isPresent()) {
        t = sameKind(there.get(), f);
        existing.add(t.slug());
      } else {
        t = sink.createField(pointed, col.collectionId(), f, referenceCollection(c, f, col));
        created.add(t.slug());
      }
      fields.set(t.slug(), rule(f));
    }
    runtime.invalidate(c.id());
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("format", 1);
    spec.set("fields", fields);
    SavedMapping saved = saver.save(c.id(), spec);
    log.info(
        "connection {}: provisioned collection {} ({} fields created, {} found)",
        c.id(),
        col.collectionId(),
        created.size(),
        existing.size());
    return new ProvisionResult(col.collectionId(), found.isEmpty(), created, existing, saved);
  }

  /**
   * Creates one field in the connection's collection (or finds it there by slug).
   *
   * @return the field and whether it was created now
   */
  TargetField addField(ConnectionConfig c, ProposedField f) {
    TargetProvisioning sink = provisioning(c);
    SourceSchema source = sourceSchema(c);
    List<FieldError> errors = new ArrayList<>();
    checkField("", f, source, sink, errors);
    if (!errors.isEmpty()) {
      throw new ProposalException(errors);
    }
    TargetSchema current = runtime.sinkSession(c).schema();
    Optional<TargetField> there = current.field(f.slug());
    if (there.isPresent()) {
      return sameKind(there.get(), f);
    }
    TargetField made = sink.createField(c, c.target().id(), f, referenceCollection(c, f, current));
    runtime.invalidate(c.id());
    log.info(
        "connection {}: field {} added to collection {}", c.id(), made.slug(), c.target().id());
    return made;
  }

  /** A field found by slug is kept only when it is of the proposed kind. */
  private static TargetField sameKind(TargetField there, ProposedField f) {
    if (there.kind() != f.kind()) {
      throw new ProposalException(
          List.of(
              new FieldError(
                  "slug",
                  "the collection has a field '"
                      + f.slug()
                      + "' of type "
                      + there.type()
                      + ", not "
                      + f.kind()
                      + "; choose another slug")));
    }
    return there;
  }

  /** The mapping rule that fills a provisioned field from its source field. */
  static ObjectNode rule(ProposedField f) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("rule", f.isReference() ? "reference" : "direct");
    r.put("source", f.sourceField());
    if (f.isReference()) {
      r.put("onMissing", "warn");
    }
    return r;
  }

  private ConnectionConfig retarget(ConnectionConfig c, String collectionId) {
    if (collectionId.equals(c.target().id())) {
      return c;
    }
    ResourceRef t = new ResourceRef(c.target().type(), c.target().parentId(), collectionId);
    ConnectionConfig updated = c.toBuilder().target(t).build();
    stores.connections().save(updated);
    runtime.invalidate(c.id());
    runtime.drop(c.id());
    return updated;
  }

  private String referenceCollection(ConnectionConfig c, ProposedField f, TargetSchema own) {
    if (!f.isReference()) {
      return null;
    }
    if (f.referenceTable().equals(c.source().id())) {
      return own.collectionId();
    }
    return CollectionProposer.syncedOnSite(c, f.referenceTable(), stores.connections().list())
        .map(o -> o.target().id())
        .orElseThrow(
            () ->
                new ProposalException(
                    List.of(
                        new FieldError(
                            "referenceTable",
                            "no connection on this site syncs table " + f.referenceTable()))));
  }

  private void check(
      ConnectionConfig c, CollectionProposal p, SourceSchema source, TargetProvisioning sink) {
    List<FieldError> errors = new ArrayList<>();
    if (c.target().parentId() == null || c.target().parentId().isBlank()) {
      errors.add(new FieldError("target.parentId", "the connection names no site to create in"));
    }
    if (p.name().isBlank()) {
      errors.add(new FieldError("name", "must not be blank"));
    }
    if (!p.slug().matches("[a-z0-9]+(-[a-z0-9]+)*") || p.slug().length() > 60) {
      errors.add(new FieldError("slug", "must be lowercase letters, digits and single hyphens"));
    }
    if (p.titleField() != null && source.field(p.titleField()).isEmpty()) {
      errors.add(new FieldError("titleField", "no source field '" + p.titleField() + "'"));
    }
    Set<String> slugs = new HashSet<>();
    for (int i = 0; i < p.fields().size(); i++) {
      ProposedField f = p.fields().get(i);
      checkField("fields[" + i + "]", f, source, sink, errors);
      if (!slugs.add(f.slug())) {
        errors.add(new FieldError("fields[" + i + "].slug", "'" + f.slug() + "' is used twice"));
      }
      if (f.isReference()
          && f.referenceTable() != null
          && !f.referenceTable().equals(c.source().id())
          && CollectionProposer.syncedOnSite(c, f.referenceTable(), stores.connections().list())
              .isEmpty()) {
        errors.add(
            new FieldError(
                "fields[" + i + "].referenceTable",
                "no connection on this site syncs table " + f.referenceTable()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProposalException(errors);
    }
  }

  private static void checkField(
      String at,
      ProposedField f,
      SourceSchema source,
      TargetProvisioning sink,
      List<FieldError> errors) {
    at = at.isEmpty() ? "" : at + ".";
    Optional<SourceField> s = source.field(f.sourceField());
    if (s.isEmpty()) {
      errors.add(new FieldError(at + "sourceField", "no source field '" + f.sourceField() + "'"));
    }
    if (!f.slug().matches("[a-z0-9]+(-[a-z0-9]+)*") || f.slug().length() > 60) {
      errors.add(
          new FieldError(at + "slug", "must be lowercase letters, digits and single hyphens"));
    } else if (f.slug().equals("name") || f.slug().equals("slug")) {
      errors.add(new FieldError(at + "slug", "'" + f.slug() + "' is the target's own field"));
    }
    if (f.displayName().isBlank()) {
      errors.add(new FieldError(at + "displayName", "must not be blank"));
    }
    if (!sink.canCreate(f.kind())) {
      errors.add(new FieldError(at + "kind", "the target cannot create " + f.kind() + " fields"));
    }
    if (f.kind() == dev.syncengine.core.model.TargetKind.OPTION
        && (f.options().isEmpty() || f.options().size() > 100)) {
      errors.add(new FieldError(at + "options", "an option field takes 1-100 options"));
    }
    if (f.isReference() && f.referenceTable() == null) {
      errors.add(new FieldError(at + "referenceTable", "a reference names the linked table"));
    }
  }

  /** Read now: a proposal or a new field follows a change the user just made in the source. */
  private SourceSchema sourceSchema(ConnectionConfig c) {
    try (var s = runtime.source(c).open(c)) {
      return s.freshSchema();
    }
  }

  private TargetProvisioning provisioning(ConnectionConfig c) {
    SinkAdapter sink = runtime.sink(c);
    if (sink instanceof TargetProvisioning p) {
      return p;
    }
    throw new IllegalStateException(
        "the " + c.target().type() + " adapter cannot create collections");
  }
}
