package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.webflow.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webflow's plan limits (items per collection, references per MultiReference field) against the
 * simulator's: a write over one fails its record permanently with {@code plan_limit_reached},
 * naming the limit and the record, while the other writes of the batch go through and nothing is
 * split and sent again.
 */
class WebflowPlanLimitTest {
  private SinkOnSimulator on;

  @BeforeEach
  void setUp() {
    on =
        new SinkOnSimulator(
            List.of(
                SimField.optional("price", "Number"), SimField.optional("tags", "MultiReference")));
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      assertThat(on.openApiViolations()).isEmpty();
    } finally {
      on.close();
    }
  }

  private static WriteOp.Upsert upsert(String record, double price, WriteResult existing) {
    ObjectNode fd = Json.object().put("name", "Item " + record).put("slug", "item-" + record);
    fd.put("price", price);
    return new WriteOp.Upsert(
        record,
        fd,
        ItemAction.DEFAULT,
        existing == null ? null : SinkOnSimulator.mapping(existing));
  }

  private List<WriteResult> write(ConnectionConfig c, WriteOp... ops) {
    return on.calls.write(c, List.of(ops));
  }

  @Test
  void createsOverTheItemLimitFailWithoutARetryStormWhileUpdatesGoOn() {
    ConnectionConfig c = on.connection(Map.of());
    List<WriteResult> first = write(c, upsert("a", 1, null), upsert("b", 1, null));
    on.sim.planLimits().maxItemsPerCollection(3);
    long createsBefore = on.sim.stats().createRequests();

    List<WriteResult> r =
        write(
            c,
            upsert("a", 2, first.get(0)),
            upsert("c", 1, null),
            upsert("d", 1, null),
            upsert("e", 1, null));

    assertThat(r.get(0).outcome()).isEqualTo(Outcome.UPDATED);
    // A bulk create is all-or-nothing: the room left (one item) is found by halving.
    assertThat(r.get(1).outcome()).isEqualTo(Outcome.CREATED);
    for (WriteResult refused : r.subList(2, 4)) {
      assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(refused.error().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT);
      assertThat(refused.error().retryable()).isFalse();
      assertThat(refused.error().message())
          .contains("record " + refused.recordId() + " not created")
          .contains("limit of the site's plan")
          .contains("Collection item limit reached");
    }
    // c,d,e refused; c alone made; d,e refused; d alone refused: full, so e is not sent.
    assertThat(on.sim.stats().createRequests() - createsBefore).isEqualTo(4);
    assertThat(on.sim.items(on.collection)).hasSize(3);
    assertThat(on.sim.items(on.collection).get(0).fieldData().get("price").asDouble())
        .isEqualTo(2.0);
  }

  @Test
  void aFullCollectionCostsAtMostAFewRequestsForAHundredCreates() {
    ConnectionConfig c = on.connection(Map.of());
    on.sim.planLimits().maxItemsPerCollection(1);
    write(c, upsert("first", 1, null));
    long createsBefore = on.sim.stats().createRequests();
    WriteOp[] hundred = new WriteOp[100];
    for (int i = 0; i < 100; i++) {
      hundred[i] = upsert("n" + i, 1, null);
    }

    List<WriteResult> r = write(c, hundred);

    assertThat(r)
        .allSatisfy(f -> assertThat(f.error().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT));
    // 100, 50, 25, 12, 6, 3, 1 (each first half): then the collection is known full.
    assertThat(on.sim.stats().createRequests() - createsBefore).isEqualTo(7);
  }

  @Test
  void aStatedItemLimitSendsOnlyTheCreatesThatFit() {
    ConnectionConfig c = on.connection(Map.of(WebflowPlanLimits.OPTION_MAX_ITEMS, "3"));
    write(c, upsert("a", 1, null), upsert("b", 1, null));
    on.sim.resetStats();

    List<WriteResult> r =
        write(c, upsert("c", 1, null), upsert("d", 1, null), upsert("e", 1, null));

    assertThat(r.get(0).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.subList(1, 3))
        .allSatisfy(
            f -> {
              assertThat(f.error().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT);
              assertThat(f.error().message())
                  .isEqualTo(
                      "record "
                          + f.recordId()
                          + " not created: the collection holds its plan's limit of 3 items"
                          + " (webflow.plan.maxItems)");
            });
    assertThat(on.sim.stats().createRequests()).isEqualTo(1);
    assertThat(
            SinkOnSimulator.body(on.requests("POST").get(on.requests("POST").size() - 1))
                .get("items"))
        .hasSize(1);
    assertThat(on.sim.items(on.collection)).hasSize(3);
  }

  @Test
  void aFieldsReferenceLimitFailsOnlyItsItem() {
    ConnectionConfig c = on.connection(Map.of());
    List<WriteResult> targets = write(c, upsert("t1", 1, null), upsert("t2", 1, null));
    on.sim.planLimits().maxReferencesPerField(1);
    WriteOp.Upsert many = upsert("m", 1, null);
    many.fieldData().putArray("tags").add(targets.get(0).itemId()).add(targets.get(1).itemId());
    WriteOp.Upsert one = upsert("o", 1, null);
    one.fieldData().putArray("tags").add(targets.get(0).itemId());

    List<WriteResult> r = on.calls.write(c, List.of(many, one));

    assertThat(r.get(0).error().code()).isEqualTo(WebflowErrorCodes.PLAN_LIMIT);
    assertThat(r.get(0).error().field()).isEqualTo("tags");
    assertThat(r.get(0).error().message())
        .contains("record m not created")
        .contains("Reference limit exceeded");
    assertThat(r.get(1).outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  void aStatedReferenceLimitReachesTheMappingAsTheFieldsConstraint() {
    ConnectionConfig c = on.connection(Map.of(WebflowPlanLimits.OPTION_MAX_REFERENCES, "5"));

    assertThat(on.calls.schema(c).field("tags").orElseThrow().constraints().maxItems())
        .isEqualTo(5);
    assertThat(on.calls.schema(on.connection(Map.of())).field("tags").orElseThrow().constraints())
        .isEqualTo(dev.syncengine.core.model.FieldConstraints.NONE);
  }

  @Test
  void aLimitOptionThatIsNotAPositiveNumberIsAClearErrorNamingTheOption() {
    ConnectionConfig c = on.connection(Map.of(WebflowPlanLimits.OPTION_MAX_ITEMS, "lots"));

    assertThatThrownBy(() -> write(c, upsert("a", 1, null)))
        .isInstanceOf(SyncException.class)
        .satisfies(
            e -> {
              SyncException s = (SyncException) e;
              assertThat(s.error().field()).isEqualTo(WebflowPlanLimits.OPTION_MAX_ITEMS);
              assertThat(s.error().retryable()).isFalse();
              assertThat(s.getMessage()).contains("must be a positive integer, got 'lots'");
            });
    assertThat(on.sim.items(on.collection)).isEmpty();
  }
}
