package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ConnectionStore} must show. */
public abstract class ConnectionStoreContract {
  protected static final Instant T0 = Instant.parse("2025-03-30T01:30:00Z");

  protected TestClock clock;
  protected ConnectionStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract ConnectionStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(T0);
    store = createStore(clock);
  }

  /** A connection with every setting away from its default and two credentials. */
  public static ConnectionConfig connection(String id) {
    return ConnectionConfig.builder(id)
        .name("Products " + id)
        .source(new ResourceRef("smartsuite", "sol1", "tbl1"))
        .target(new ResourceRef("webflow", null, "col1"))
        .ingestionMode(IngestionMode.SIGNED_PUSH)
        .publishMode(PublishMode.STAGED)
        .deleteMode(DeleteMode.ARCHIVE)
        .batchSize(50)
        .retry(new RetrySettings(Duration.ofSeconds(1), Duration.ofMinutes(2), 4))
        .paused(true)
        .credentials(
            Credentials.of(
                Map.of("webflow.token", "wf-secret-token", Credentials.WEBHOOK_TOKEN, "t0k")))
        .option("webhookId", "wh-1")
        .build();
  }

  @Test
  void savesAndFindsAConnectionWithEverySettingAndCredential() {
    ConnectionConfig c = connection("c1");

    store.save(c);

    ConnectionConfig found = store.find("c1").orElseThrow();
    assertThat(found).isEqualTo(c);
    assertThat(found.credentials().require("webflow.token")).isEqualTo("wf-secret-token");
    assertThat(found.options()).containsEntry("webhookId", "wh-1");
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void saveReplacesAnExistingConnection() {
    store.save(connection("c1"));

    ConnectionConfig changed =
        connection("c1").toBuilder().paused(false).credentials(Credentials.empty()).build();
    store.save(changed);

    assertThat(store.find("c1")).contains(changed);
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void listsEveryConnection() {
    store.save(connection("b"));
    store.save(connection("a"));

    assertThat(store.list()).extracting(ConnectionConfig::id).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void deleteRemovesTheConnectionAndItsMappings() {
    store.save(connection("c1"));
    store.saveMapping("c1", spec("one"));

    assertThat(store.delete("c1")).isTrue();
    assertThat(store.delete("c1")).isFalse();

    assertThat(store.find("c1")).isEmpty();
    assertThat(store.mapping("c1")).isEmpty();
    assertThat(store.mappingHistory("c1")).isEmpty();
  }

  @Test
  void mappingVersionsCountUpAndTheNewestWins() {
    store.save(connection("c1"));

    MappingVersion v1 = store.saveMapping("c1", spec("one"));
    clock.advance(Duration.ofMinutes(1));
    MappingVersion v2 = store.saveMapping("c1", spec("two"));

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.createdAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.mapping("c1"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.version()).isEqualTo(2);
              assertThat(m.spec()).isEqualTo(spec("two"));
              assertThat(m.createdAt()).isEqualTo(T0.plusSeconds(60));
            });
    assertThat(store.mappingHistory("c1"))
        .extracting(MappingVersion::version)
        .containsExactly(2, 1);
    assertThat(store.mapping("other")).isEmpty();
  }

  protected static ObjectNode spec(String name) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", name);
    o.putArray("fields").addObject().put("target", "name").put("source", "title");
    return o;
  }
}
