package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connection's non-secret settings as JSON: name, source and target, modes, batch size, retry,
 * paused, options. Never the credentials. One shape for stores that persist settings and for APIs
 * that show them. Stateless and thread-safe.
 */
public final class ConnectionSettingsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionSettingsJson() {}

  /** The settings of {@code c}, without its id and credentials. */
  public static ObjectNode write(ConnectionConfig c) {
    ObjectNode o = JSON.createObjectNode();
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
    return o;
  }

  /**
   * A connection from its settings, id and credentials.
   *
   * @throws IllegalArgumentException when a value is out of range or an enum name is unknown
   */
  public static ConnectionConfig read(String id, JsonNode o, Credentials credentials) {
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

  /** A resource reference as {@code {type, parentId, id}}. */
  public static ObjectNode ref(ResourceRef r) {
    ObjectNode o = JSON.createObjectNode();
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
