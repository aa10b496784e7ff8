package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.InvalidOptionException;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane refuses two-way options the engine would otherwise read as their defaults: a
 * typo in a delete policy must not quietly mean "ask", and records created from items need a text
 * field of the source to carry the item id.
 */
class TwoWayOptionsValidationTest {
  private static final String ID = EngineFixture.CONNECTION;
  private static final SourceSchema TABLE =
      new SourceSchema(
          "t1",
          "things",
          "name",
          List.of(
              new SourceField("name", "Name", "textfield", SourceKind.TEXT, null),
              new SourceField("wf_item", "Webflow item", "textfield", SourceKind.TEXT, null),
              new SourceField("price", "Price", "numberfield", SourceKind.NUMBER, null)));

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final EngineFixture f = new EngineFixture(clock);
  private final SyncEngine engine;

  TwoWayOptionsValidationTest() {
    f.source.withSchema(TABLE);
    engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(30)), "w1");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private ConnectionConfig with(String... options) {
    ConnectionConfig.Builder b =
        engine.inspect().connection(ID).orElseThrow().toBuilder()
            .option(TwoWay.OPTION_ENABLED, "true");
    for (int i = 0; i < options.length; i += 2) {
      b.option(options[i], options[i + 1]);
    }
    return b.build();
  }

  private InvalidOptionException refused(ConnectionConfig c) {
    return (InvalidOptionException)
        assertThatThrownBy(() -> engine.admin().update(c))
            .isInstanceOf(InvalidOptionException.class)
            .isInstanceOf(IllegalArgumentException.class)
            .actual();
  }

  @Test
  void anUnknownConflictPolicyIsRefusedNamingTheOptionAndItsValues() {
    InvalidOptionException e = refused(with(TwoWay.OPTION_CONFLICTS, "latest"));
    assertThat(e.option()).isEqualTo("twoWay.conflicts");
    assertThat(e.accepted()).isEqualTo("newest, smartsuite or webflow");
    assertThat(e.getMessage())
        .isEqualTo("option 'twoWay.conflicts' must be newest, smartsuite or webflow")
        .doesNotContain("latest");
    assertThat(engine.inspect().connection(ID).orElseThrow().options())
        .doesNotContainKey(TwoWay.OPTION_CONFLICTS); // nothing was saved
  }

  @Test
  void everyPolicyTheDocsNameIsAcceptedInAnyCase() {
    for (String p : List.of("newest", "SmartSuite", "webflow")) {
      assertThat(engine.admin().update(with(TwoWay.OPTION_CONFLICTS, p)).options())
          .containsEntry(TwoWay.OPTION_CONFLICTS, p);
    }
    for (String p : List.of("ask", "delete", "Ignore")) {
      engine.admin().update(with(TwoWay.OPTION_DELETES, p));
    }
    assertThat(engine.inspect().connection(ID).orElseThrow().options())
        .containsEntry(TwoWay.OPTION_DELETES, "Ignore");
  }

  @Test
  void anUnknownDeletePolicyOrANonBooleanIsRefused() {
    assertThat(refused(with(TwoWay.OPTION_DELETES, "delte")).accepted())
        .isEqualTo("ask, delete or ignore");
    assertThat(refused(with(TwoWay.OPTION_CREATE_RECORDS, "yes")).option())
        .isEqualTo("twoWay.createRecords");
    assertThat(refused(with(TwoWay.OPTION_ENABLED, "on")).accepted()).isEqualTo("true or false");
  }

  @Test
  void creatingRecordsNeedsAnItemIdFieldThatIsATextFieldOfTheSource() {
    InvalidOptionException missing = refused(with(TwoWay.OPTION_CREATE_RECORDS, "true"));
    assertThat(missing.option()).isEqualTo("twoWay.itemIdField");
    assertThat(missing.accepted()).contains("a text field of the source");

    InvalidOptionException number =
        refused(with(TwoWay.OPTION_CREATE_RECORDS, "true", TwoWay.OPTION_ITEM_ID_FIELD, "price"));
    assertThat(number.option()).isEqualTo("twoWay.itemIdField");
    assertThat(number.accepted()).contains("its text fields: name, wf_item");
    assertThat(refused(with(TwoWay.OPTION_ITEM_ID_FIELD, "nope")).option())
        .isEqualTo("twoWay.itemIdField");

    ConnectionConfig ok =
        engine
            .admin()
            .update(
                with(TwoWay.OPTION_CREATE_RECORDS, "true", TwoWay.OPTION_ITEM_ID_FIELD, "wf_item"));
    assertThat(ok.options()).containsEntry(TwoWay.OPTION_ITEM_ID_FIELD, "wf_item");
  }

  @Test
  void createIsCheckedTheSameWay() {
    ConnectionConfig stored = engine.inspect().connection(ID).orElseThrow();
    ConnectionConfig fresh =
        ConnectionConfig.builder("other")
            .source(stored.source())
            .target(stored.target())
            .option(TwoWay.OPTION_DELETES, "sometimes")
            .build();
    assertThatThrownBy(() -> engine.admin().create(fresh))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("twoWay.deletes");
    assertThat(engine.inspect().connection("other")).isEmpty();
  }

  @Test
  void anUnchangedItemIdFieldIsNotCheckedAgainstTheSourceOnEverySave() {
    engine
        .admin()
        .update(with(TwoWay.OPTION_CREATE_RECORDS, "true", TwoWay.OPTION_ITEM_ID_FIELD, "wf_item"));
    // the field is gone from the source: other settings can still be saved, a new field cannot
    f.source.withSchema(new SourceSchema("t1", "things", "name", List.of(TABLE.fields().get(0))));
    ConnectionConfig renamed =
        engine.inspect().connection(ID).orElseThrow().toBuilder().name("Renamed").build();
    assertThat(engine.admin().update(renamed).name()).isEqualTo("Renamed");
    assertThat(
            refused(renamed.toBuilder().option(TwoWay.OPTION_ITEM_ID_FIELD, "wf_item2").build())
                .option())
        .isEqualTo("twoWay.itemIdField");
  }
}
