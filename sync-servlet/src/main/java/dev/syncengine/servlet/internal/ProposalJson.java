package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.provision.ProvisionResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collection proposals and provisioning results as JSON, both ways. Reading collects every problem
 * (field path and reason) before failing, so one answer lists them all. Stateless.
 */
final class ProposalJson {
  private static final Set<String> PROPOSAL_FIELDS =
      Set.of("name", "singularName", "slug", "titleField", "fields", "skipped");
  private static final Set<String> FIELD_FIELDS =
      Set.of(
          "sourceField",
          "displayName",
          "slug",
          "kind",
          "type",
          "required",
          "options",
          "referenceTable",
          "reason");
  private static final int MAX_FIELDS = 200;

  private ProposalJson() {}

  static ObjectNode write(CollectionProposal p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", p.name());
    o.put("singularName", p.singularName());
    o.put("slug", p.slug());
    o.put("titleField", p.titleField());
    ArrayNode fields = o.putArray("fields");
    p.fields().forEach(f -> fields.add(write(f)));
    ArrayNode skipped = o.putArray("skipped");
    for (CollectionProposal.Skipped s : p.skipped()) {
      skipped
          .addObject()
          .put("sourceField", s.sourceField())
          .put("label", s.label())
          .put("reason", s.reason());
    }
    return o;
  }

  static ObjectNode write(ProposedField f) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("sourceField", f.sourceField());
    o.put("displayName", f.displayName());
    o.put("slug", f.slug());
    o.put("kind", f.kind().name());
    o.put("type", f.type());
    o.put("required", f.required());
    ArrayNode opts = o.putArray("options");
    f.options().forEach(opts::add);
    o.put("referenceTable", f.referenceTable());
    o.put("reason", f.reason());
    return o;
  }

  static ObjectNode write(ProvisionResult r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("collectionId", r.collectionId());
    o.put("collectionCreated", r.collectionCreated());
    r.createdFields().forEach(o.putArray("createdFields")::add);
    r.existingFields().forEach(o.putArray("existingFields")::add);
    ObjectNode m = o.putObject("mapping");
    m.put("version", r.mapping().version().version());
    m.set("spec", r.mapping().version().spec());
    return o;
  }

  static ObjectNode write(TargetField f, boolean created) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", f.id());
    o.put("slug", f.slug());
    o.put("displayName", f.displayName());
    o.put("type", f.type());
    o.put("kind", f.kind().name());
    o.put("required", f.required());
    o.put("created", created);
    return o;
  }

  /** The proposal in {@code body.proposal}; 400 listing every problem. */
  static CollectionProposal proposal(JsonNode n) {
    List<ApiException.Detail> problems = new ArrayList<>();
    if (n == null || !n.isObject()) {
      throw ApiException.invalid("proposal", "required: the collection proposal (an object)");
    }
    unknown(n, PROPOSAL_FIELDS, "proposal.", problems);
    String name = text(n, "name", "proposal.name", true, problems);
    String singular = text(n, "singularName", "proposal.singularName", false, problems);
    String slug = text(n, "slug", "proposal.slug", true, problems);
    String title = text(n, "titleField", "proposal.titleField", false, problems);
    List<ProposedField> fields = new ArrayList<>();
    JsonNode arr = n.get("fields");
    if (arr == null || !arr.isArray() || arr.size() > MAX_FIELDS) {
      problems.add(new ApiException.Detail("proposal.fields", "must be an array of at most 200"));
    } else {
      for (int i = 0; i < arr.size(); i++) {
        ProposedField f = field(arr.get(i), "proposal.fields[" + i + "].", problems);
        if (f != null) {
          fields.add(f);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    return new CollectionProposal(
        name, singular == null ? name : singular, slug, title, fields, List.of());
  }

  /** One field (for adding it to an existing collection); 400 listing every problem. */
  static ProposedField field(JsonNode n, String at) {
    List<ApiException.Detail> problems = new ArrayList<>();
    ProposedField f = field(n, at, problems);
    if (!problems.isEmpty() || f == null) {
      throw ApiException.invalid(problems);
    }
    return f;
  }

  private static ProposedField field(JsonNode n, String at, List<ApiException.Detail> problems) {
    if (n == null || !n.isObject()) {
      problems.add(new ApiException.Detail(at.isEmpty() ? "field" : at, "must be an object"));
      return null;
    }
    int before = problems.size();
    unknown(n, FIELD_FIELDS, at, problems);
    String source = text(n, "sourceField", at + "sourceField", true, problems);
    String display = text(n, "displayName", at + "displayName", true, problems);
    String slug = text(n, "slug", at + "slug", true, problems);
    String kindText = text(n, "kind", at + "kind", true, problems);
    TargetKind kind = null;
    if (kindText != null) {
      try {
        kind = TargetKind.valueOf(kindText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            new ApiException.Detail(
                at + "kind", "must be one of " + java.util.Arrays.toString(TargetKind.values())));
      }
    }
    JsonNode req = n.get("required");
    if (req != null && !req.isNull() && !req.isBoolean()) {
      problems.add(new ApiException.Detail(at + "required", "must be true or false"));
    }
    List<String> options = new ArrayList<>();
    JsonNode opts = n.get("options");
    if (opts != null && !opts.isNull()) {
      if (!opts.isArray() || opts.size() > 100) {
        problems.add(new ApiException.Detail(at + "options", "must be an array of at most 100"));
      } else {
        for (JsonNode o : opts) {
          if (!o.isTextual() || o.asText().isBlank() || o.asText().length() > 200) {
            problems.add(new ApiException.Detail(at + "options", "must be non-empty strings"));
            break;
          }
          options.add(o.asText());
        }
      }
    }
    String table = text(n, "referenceTable", at + "referenceTable", false, problems);
    if (problems.size() > before) {
      return null;
    }
    return new ProposedField(
        source, display, slug, kind, null, req != null && req.asBoolean(), options, table, null);
  }

  private static String text(
      JsonNode n, String key, String at, boolean required, List<ApiException.Detail> problems) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(new ApiException.Detail(at, "required"));
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
      problems.add(new ApiException.Detail(at, "must be a non-empty string of at most 200 chars"));
      return null;
    }
    return v.asText();
  }

  private static void unknown(
      JsonNode n, Set<String> known, String prefix, List<ApiException.Detail> problems) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problems.add(new ApiException.Detail(prefix + name, "unknown field"));
      }
    }
  }
}
