package dev.syncengine.store.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** A connection's non-secret settings as the JSON of {@code sync_connection.config}. */
final class ConnectionJson {
  private ConnectionJson() {}

  static String write(ConnectionConfig c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", c.name());
    o.set("source", ref(c.source()));
    o.set("target", ref(c.target()));
    o.put("ingestionMode", c.ingestionMode().name());
    o.put("publishMode", c.publishMode().name());
    o.put("deleteMode", c.deleteMode().name());
    o.put("batchSize", c.batchSize());
    ObjectNode retry = o.putObject("retry");
    retry.put("initialDelayMs", c.retry().initialDelay().toMillis());
    retry.put("maxDelayMs", c.retry().maxDelay().toMillis());
    retry.put("maxAttempts", c.retry().maxAttempts());
    o.put("paused", c.paused());
    ObjectNode options = o.putObject("options");
    c.options().forEach(options::put);
    return Json.write(o);
  }

  static ConnectionConfig read(String id, String config, Credentials credentials) {
    JsonNode o = Json.read(config);
    JsonNode retry = o.path("retry");
    Map<String, String> options = new TreeMap<>();
    o.path("options")
        .fields()
        .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    return ConnectionConfig.builder(id)
        .name(o.path("name").asText(id))
        .source(ref(o.path("source")))
        .target(ref(o.path("target")))
        .ingestionMode(IngestionMode.valueOf(o.path("ingestionMode").asText()))
        .publishMode(PublishMode.valueOf(o.path("publishMode").asText()))
        .deleteMode(DeleteMode.valueOf(o.path("deleteMode").asText()))
        .batchSize(o.path("batchSize").asInt(ConnectionConfig.DEFAULT_BATCH_SIZE))
        .retry(
            new RetrySettings(
                Duration.ofMillis(retry.path("initialDelayMs").asLong()),
                Duration.ofMillis(retry.path("maxDelayMs").asLong()),
                retry.path("maxAttempts").asInt()))
        .paused(o.path("paused").asBoolean())
        .credentials(credentials)
        .options(options)
        .build();
  }

  private static ObjectNode ref(ResourceRef r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", r.type());
    o.put("parentId", r.parentId());
    o.put("id", r.id());
    return o;
  }

  private static ResourceRef ref(JsonNode o) {
    JsonNode parent = o.path("parentId");
    return new ResourceRef(
        o.path("type").asText(),
        parent.isNull() || parent.isMissingNode() ? null : parent.asText(),
        o.path("id").asText());
  }
}
