package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetItems;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's item listing (two-way linking pass) against the simulator and the OpenAPI. */
class SessionItemsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final SinkOnSimulator env =
      new SinkOnSimulator(List.of(SimField.optional("smartsuite-id", "PlainText")));

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void listsEveryItemInPagesOfAHundredWithRequestsTheOpenApiAllows() {
    Set<String> seeded = new HashSet<>();
    for (int i = 0; i < 230; i++) {
      seeded.add(
          env.sim.seedItem(
              env.collection,
              JSON.createObjectNode()
                  .put("name", "Item " + i)
                  .put("slug", "item-" + i)
                  .put("smartsuite-id", "rec" + i),
              false));
    }
    env.sim.resetStats();
    TargetItems items =
        env.sink
            .open(env.connection(Map.of(WebflowSink.OPTION_RECORD_ID_FIELD, "smartsuite-id")))
            .items()
            .orElseThrow();
    assertThat(items.recordIdField()).isEqualTo("smartsuite-id");

    List<TargetItems.Item> all = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    String cursor = null;
    do {
      TargetItems.Page page = items.list(cursor);
      all.addAll(page.items());
      cursor = page.nextCursor();
      cursors.add(cursor);
    } while (cursor != null);

    assertThat(all).extracting(TargetItems.Item::id).containsExactlyInAnyOrderElementsOf(seeded);
    assertThat(all).allSatisfy(i -> assertThat(i.lastUpdated()).isNotNull());
    assertThat(all)
        .anySatisfy(
            i -> {
              assertThat(i.fieldData().path("slug").asText()).isEqualTo("item-7");
              assertThat(i.fieldData().path("smartsuite-id").asText()).isEqualTo("rec7");
            });
    assertThat(cursors).containsExactly("100", "200", null);
    List<RecordedRequest> gets =
        env.requests("GET").stream().filter(r -> r.path().endsWith("/items")).toList();
    assertThat(gets).hasSize(3);
    assertThat(gets).allSatisfy(r -> assertThat(r.query()).contains("limit=100"));
    assertThat(env.openApiViolations()).isEmpty();
  }

  @Test
  void withoutARecordIdFieldItemsAreMatchedBySlugOnly() {
    TargetItems items = env.sink.open(env.connection(Map.of())).items().orElseThrow();
    assertThat(items.recordIdField()).isNull();
    assertThat(items.list(null).items()).isEmpty();
    assertThat(items.list(null).nextCursor()).isNull();
  }

  @Test
  void aBadCursorIsRefusedNamingTheCursor() {
    TargetItems items = env.sink.open(env.connection(Map.of())).items().orElseThrow();
    assertThatThrownBy(() -> items.list("-5"))
        .isInstanceOfSatisfying(
            SyncException.class, e -> assertThat(e.error().field()).isEqualTo("cursor"));
  }

  @Test
  void listingWithoutATokenFailsNamingTheCredential() {
    ConnectionConfig noToken =
        ConnectionConfig.builder("c2")
            .source(env.connection(Map.of()).source())
            .target(env.connection(Map.of()).target())
            .credentials(Credentials.empty())
            .build();
    assertThatThrownBy(() -> env.sink.open(noToken).items())
        .isInstanceOfSatisfying(
            SyncException.class,
            e -> assertThat(e.error().field()).isEqualTo(WebflowCredentials.TOKEN));
  }
}
