package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.Slugs;
import dev.syncengine.core.mapping.internal.TypeCompatibility;
import dev.syncengine.core.mapping.internal.TypeCompatibility.Fit;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.CollectionProposal.Skipped;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.spi.TargetProvisioning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes a target collection for a source table: one field per source field, of the target kind
 * that fits it best by {@link TypeCompatibility}. Stateless and thread-safe.
 *
 * <p>The best kind: the target kind of the source kind's own name when it fits fully (text → text,
 * number → number, ...); else the most specific kind that fits fully (the one the fewest source
 * kinds fit fully: date → date-time, single choice → option), the later column on a tie (files →
 * file rather than image); else text when text converts some values (date ranges, multiple
 * choices); else the field is skipped. Linked records become references when a connection on the
 * same site syncs the linked table (or the table links to itself).
 */
final class CollectionProposer {
  // Slugs the target keeps for itself (webflow-openapi-v2.yml, create-collection: "Each collection
  // includes the required name and slug fields").
  private static final Set<String> RESERVED = Set.of("name", "slug");

  private CollectionProposer() {}

  static CollectionProposal propose(
      ConnectionConfig c,
      SourceSchema schema,
      List<ConnectionConfig> all,
      TargetProvisioning sink) {
    List<ProposedField> fields = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Set<String> slugs = new HashSet<>(RESERVED);
    for (SourceField f : schema.fields()) {
      if (f.slug().equals(schema.primaryField())) {
        continue; // fills the item name
      }
      String label = f.label() == null || f.label().isBlank() ? f.slug() : f.label();
      Object kindOrWhy = kindFor(c, f, all);
      if (kindOrWhy instanceof String why) {
        skipped.add(new Skipped(f.slug(), label, why));
        continue;
      }
      TargetKind kind = (TargetKind) kindOrWhy;
      if (!sink.canCreate(kind)) {
        skipped.add(new Skipped(f.slug(), label, "the target cannot create " + kind + " fields"));
        continue;
      }
      List<String> options = kind == TargetKind.OPTION ? choices(f) : List.of();
      if (kind == TargetKind.OPTION && options.isEmpty()) {
        kind = TargetKind.TEXT; // an option field needs at least one option
      }
      String slug = unique(Slugs.slugify(label, 60), slugs);
      String table =
          kind == TargetKind.REFERENCE || kind == TargetKind.MULTI_REFERENCE
              ? linkedTable(f)
              : null;
      fields.add(
          new ProposedField(
              f.slug(),
              label,
              slug,
              kind,
              sink.typeName(kind),
              false,
              options,
              table,
              reason(f, kind)));
    }
    String name = schema.name() == null || schema.name().isBlank() ? c.name() : schema.name();
    return new CollectionProposal(
        name, singular(name), Slugs.slugify(name, 60), schema.primaryField(), fields, skipped);
  }

  /** The kind for a source field, or a String saying why there is none. */
  private static Object kindFor(ConnectionConfig c, SourceField f, List<ConnectionConfig> all) {
    if (f.kind() == SourceKind.LINKED_RECORDS) {
      String table = linkedTable(f);
      if (table == null) {
        return "names no linked table";
      }
      if (!table.equals(c.source().id()) && syncedOnSite(c, table, all).isEmpty()) {
        return "links to table " + table + ", which no connection on this site syncs yet";
      }
      return "single".equals(f.params().path("entries_allowed").asText(null))
          ? TargetKind.REFERENCE
          : TargetKind.MULTI_REFERENCE;
    }
    if (f.kind() == SourceKind.USER) {
      return "holds member ids, which mean nothing outside SmartSuite";
    }
    return best(f.kind()).map(k -> (Object) k).orElse("no target type can take its values");
  }

  /** The best target kind for a source kind (see the class comment). */
  static Optional<TargetKind> best(SourceKind source) {
    for (TargetKind t : TypeCompatibility.TARGET_KINDS) {
      if (t.name().equals(source.name()) && TypeCompatibility.of(source, t) == Fit.YES) {
        return Optional.of(t);
      }
    }
    TargetKind best = null;
    int bestCount = Integer.MAX_VALUE;
    for (TargetKind t : TypeCompatibility.TARGET_KINDS) {
      if (t == TargetKind.TEXT || t == TargetKind.RICH_TEXT) {
        continue; // text takes nearly anything: the fallback, never the most specific
      }
      if (TypeCompatibility.of(source, t) == Fit.YES) {
        int count = fullyFitting(t);
        if (count <= bestCount) {
          best = t;
          bestCount = count;
        }
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    Fit text = TypeCompatibility.of(source, TargetKind.TEXT);
    return text == Fit.YES || text == Fit.LOSSY ? Optional.of(TargetKind.TEXT) : Optional.empty();
  }

  private static int fullyFitting(TargetKind t) {
    int n = 0;
    for (SourceKind s : SourceKind.values()) {
      if (TypeCompatibility.of(s, t) == Fit.YES) {
        n++;
      }
    }
    return n;
  }

  /** The connection that syncs {@code table} to a collection of the same site, if any. */
  static Optional<ConnectionConfig> syncedOnSite(
      ConnectionConfig c, String table, List<ConnectionConfig> all) {
    return all.stream()
        .filter(o -> !o.id().equals(c.id()))
        .filter(o -> o.source().id().equals(table))
        .filter(o -> o.target().type().equals(c.target().type()))
        .filter(o -> java.util.Objects.equals(o.target().parentId(), c.target().parentId()))
        .findFirst();
  }

  static String linkedTable(SourceField f) {
    JsonNode p = f.params();
    String t = p == null ? null : p.path("linked_application").asText(null);
    return t == null || t.isBlank() ? null : t;
  }

  private static List<String> choices(SourceField f) {
    List<String> out = new ArrayList<>();
    if (f.params() != null) {
      for (JsonNode c : f.params().path("choices")) {
        String label = c.path("label").asText("");
        if (!label.isBlank() && !out.contains(label) && out.size() < 100) {
          out.add(label); // Option fields take 1-100 options (create-field, metadata.options)
        }
      }
    }
    return out;
  }

  private static String reason(SourceField f, TargetKind kind) {
    Fit fit = TypeCompatibility.of(f.kind(), kind);
    return String.format(
        Locale.ROOT,
        "%s (%s) %s",
        f.type(),
        f.kind().label(),
        fit == Fit.LOSSY ? "converts to text for most values" : "fits fully");
  }

  private static String unique(String slug, Set<String> taken) {
    String base = slug.isEmpty() ? "field" : slug;
    String s = base;
    for (int n = 2; !taken.add(s); n++) {
      s = Slugs.withSuffix(base, n, 60);
    }
    return s;
  }

  private static String singular(String name) {
    if (name.endsWith("ies") && name.length() > 3) {
      return name.substring(0, name.length() - 3) + "y";
    }
    if (name.endsWith("s") && !name.endsWith("ss") && name.length() > 1) {
      return name.substring(0, name.length() - 1);
    }
    return name;
  }
}
