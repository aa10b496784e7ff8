package dev.syncengine.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private SmartSuiteSimulator sim;

  @BeforeEach
  void start() {
    sim = SmartSuiteSimulator.builder().apiKey("discovery-key-123456").accountId("acc1").start();
    SimFixture.createTables(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private ConnectionConfig draft() {
    return SimFixture.connection("draft", sim, IngestionMode.NATIVE_WEBHOOK, "t");
  }

  @Test
  void listsTheSolutionsAndTablesTheKeyCanSee() {
    SmartSuiteSource source = SimFixture.source(sim);

    assertThat(source.containers(draft()))
        .extracting(NamedRef::id)
        .containsExactly(SimFixture.SOLUTION);
    assertThat(source.collections(draft(), SimFixture.SOLUTION))
        .extracting(NamedRef::id, NamedRef::name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SimFixture.PRODUCTS, "Products"),
            org.assertj.core.groups.Tuple.tuple(SimFixture.CATEGORIES, "Categories"));
  }

  @Test
  void aRefusedKeyFailsTheCheckWithoutEchoingIt() {
    ConnectionConfig wrong =
        draft().toBuilder()
            .credentials(
                draft().credentials().with(SmartSuiteCredentials.API_KEY, "wrong-key-987654321"))
            .build();

    assertThatThrownBy(() -> SimFixture.source(sim).verifyCredentials(wrong))
        .isInstanceOf(SyncException.class)
        .hasMessageNotContaining("wrong-key-987654321");
  }
}
