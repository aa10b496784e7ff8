package dev.syncengine.core.provision;

import java.util.List;
import java.util.Objects;

/**
 * A target collection to create from a source table: what {@link
 * dev.syncengine.core.ControlPlane#proposeCollection} suggests and what {@link
 * dev.syncengine.core.ControlPlane#provisionCollection} creates. It is plain data: edit it (rename,
 * drop or retype fields) before provisioning.
 *
 * <pre>{@code
 * CollectionProposal p = engine.admin().proposeCollection("products");
 * ProvisionResult r = engine.admin().provisionCollection("products", p.withName("Shop products"));
 * }</pre>
 *
 * @param name the collection's name (plural)
 * @param singularName the name of one item
 * @param slug the collection's slug; a retried provisioning finds the collection by it
 * @param titleField the source field that fills the item name (the table's title field)
 * @param fields the fields to create besides the target's own name and slug fields
 * @param skipped source fields left out, each with the reason
 */
public record CollectionProposal(
    String name,
    String singularName,
    String slug,
    String titleField,
    List<ProposedField> fields,
    List<Skipped> skipped) {
  public CollectionProposal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(singularName, "singularName");
    Objects.requireNonNull(slug, "slug");
    fields = List.copyOf(fields);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /**
   * A source field the proposal leaves out.
   *
   * @param sourceField its slug
   * @param label its label
   * @param reason why, e.g. "links to a table no connection on this site syncs"
   */
  public record Skipped(String sourceField, String label, String reason) {}

  /** The same proposal under another name. */
  public CollectionProposal withName(String newName) {
    return new CollectionProposal(newName, singularName, slug, titleField, fields, skipped);
  }

  /** The same proposal with other fields. */
  public CollectionProposal withFields(List<ProposedField> newFields) {
    return new CollectionProposal(name, singularName, slug, titleField, newFields, skipped);
  }
}
