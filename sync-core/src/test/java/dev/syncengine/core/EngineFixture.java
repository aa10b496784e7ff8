package dev.syncengine.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.memory.InMemoryStores;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.FakeSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wires an engine over in-memory stores, a fake source and a fake sink. */
final class EngineFixture {
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("a-test-secret-of-32-bytes-length".getBytes());
  static final String CONNECTION = "things";

  /** Copies every source value and derives name and slug, as a simple mapping would. */
  static final MappingCompiler COMPILER =
      (version, source, target) ->
          (record, context) -> {
            ObjectNode fd = record.values().deepCopy();
            fd.put("slug", "r-" + record.id());
            if (!fd.has("name")) {
              fd.put("name", record.id());
            }
            return new MappedItem(fd, ItemAction.DEFAULT, List.of());
          };

  final Clock clock;
  final Stores stores;
  final FakeSource source;
  final FakeSink sink;
  final ConnectionConfig connection;

  EngineFixture(Clock clock) {
    this.clock = clock;
    this.stores = InMemoryStores.create(clock);
    this.source = new FakeSource(clock);
    this.sink = new FakeSink();
    this.connection =
        ConnectionConfig.builder(CONNECTION)
            .source(new ResourceRef("fake", null, "t1"))
            .target(new ResourceRef("fake", "site", "col"))
            .retry(new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(50), 3))
            .credentials(Credentials.of(Map.of(Credentials.SIGNING_SECRETS, SECRET)))
            .build();
    stores.connections().save(connection);
    stores.connections().saveMapping(CONNECTION, FakeSource.JSON.createObjectNode());
  }

  SyncEngine engine(WorkerSettings settings, String owner) {
    return SyncEngine.builder()
        .stores(stores)
        .source(source)
        .sink(sink)
        .mappingCompiler(COMPILER)
        .clock(clock)
        .workers(settings)
        .owner(owner)
        .configCacheTtl(Duration.ZERO)
        .build();
  }

  static WorkerSettings workers(int concurrency, Duration lease) {
    return new WorkerSettings(concurrency, 50, Duration.ofMillis(20), lease, Duration.ofSeconds(5));
  }

  /** A Standard Webhooks-signed delivery of the given events. */
  IngestRequest signed(ArrayNode events) {
    ObjectNode body = FakeSource.JSON.createObjectNode();
    body.set("events", events);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return signed(bytes, clock.instant().getEpochSecond());
  }

  IngestRequest signed(byte[] bytes, long timestamp) {
    String id = "msg_" + UUID.randomUUID();
    StandardWebhooks sw = new StandardWebhooks(List.of(SECRET), Duration.ofMinutes(5), clock);
    return IngestRequest.builder(bytes)
        .header("Webhook-Id", id)
        .header("Webhook-Timestamp", String.valueOf(timestamp))
        .header("Webhook-Signature", sw.sign(id, timestamp, bytes))
        .contentType("application/json")
        .build();
  }

  static ObjectNode event(String id, String record, String kind, long version, String name) {
    ObjectNode e = FakeSource.JSON.createObjectNode();
    e.put("id", id);
    e.put("record", record);
    e.put("kind", kind);
    e.put("version", version);
    if (kind.equals("UPSERT")) {
      ObjectNode data = e.putObject("data");
      data.put("name", name);
      data.put("v", version);
    }
    return e;
  }
}
