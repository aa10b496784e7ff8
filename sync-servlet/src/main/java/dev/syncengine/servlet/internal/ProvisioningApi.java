package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.provision.ProposalException;
import dev.syncengine.core.provision.ProvisionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /connections/{id}/collection/...} and {@code /connections/{id}/target-fields}: propose a
 * target collection from the source table, create it (with its fields and mapping), add one field
 * to the collection. Thin: each call is one {@link ControlPlane} operation. Thread-safe.
 */
public final class ProvisioningApi {
  private final AdminContext ctx;
  private final ControlPlane admin;

  public ProvisioningApi(AdminContext ctx) {
    this.ctx = ctx;
    this.admin = ctx.admin();
  }

  public void register(Router r) {
    r.add("GET", "/connections/{id}/collection/proposal", this::propose);
    r.add("POST", "/connections/{id}/collection/provision", this::provision);
    r.add("POST", "/connections/{id}/target-fields", this::addField);
  }

  private Reply propose(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    try {
      return Reply.ok(ProposalJson.write(admin.proposeCollection(c.id())));
    } catch (IllegalStateException e) {
      throw notSupported(e);
    }
  }

  private Reply provision(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    var proposal = ProposalJson.proposal(call.object().get("proposal"));
    ProvisionResult r;
    try {
      r = admin.provisionCollection(c.id(), proposal);
    } catch (ProposalException e) {
      throw invalid("proposal.", e);
    } catch (IllegalStateException e) {
      throw notSupported(e);
    } catch (MappingValidationException e) {
      List<ApiException.Detail> errors = new ArrayList<>();
      for (MappingValidationException.Problem p : e.problems()) {
        if (p.error()) {
          errors.add(new ApiException.Detail(p.field(), p.message()));
        }
      }
      throw new ApiException(
          422, "invalid_mapping", "the collection exists but its mapping has errors", errors);
    }
    ObjectNode out = ProposalJson.write(r);
    return r.collectionCreated()
        ? Reply.created(out, call.request().getRequestURI())
        : Reply.ok(out);
  }

  private Reply addField(Call call) {
    ConnectionConfig c = ctx.connection(call.path("id"));
    var field = ProposalJson.field(call.object().get("field"), "field.");
    boolean existed = ctx.admin().targetSchema(c).field(field.slug()).isPresent();
    TargetField made;
    try {
      made = admin.addTargetField(c.id(), field);
    } catch (ProposalException e) {
      throw invalid("field.", e);
    } catch (IllegalStateException e) {
      throw notSupported(e);
    }
    ObjectNode out = ProposalJson.write(made, !existed);
    return existed ? Reply.ok(out) : Reply.created(out, call.request().getRequestURI());
  }

  private static ApiException invalid(String prefix, ProposalException e) {
    List<ApiException.Detail> details = new ArrayList<>();
    for (ProposalException.FieldError f : e.errors()) {
      details.add(new ApiException.Detail(prefix + f.field(), f.message()));
    }
    return ApiException.invalid(details);
  }

  private static ApiException notSupported(IllegalStateException e) {
    return new ApiException(409, "not_supported", e.getMessage());
  }
}
