package dev.syncengine.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.store.jdbc.JdbcStoreException;

/** JSON text columns to and from Jackson trees. Thread-safe. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static String write(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new JdbcStoreException("cannot serialise JSON", e);
    }
  }

  public static JsonNode read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // the message of a parse error may quote the column's content: keep it out
      throw new JdbcStoreException("stored JSON cannot be parsed", null);
    }
  }

  public static ObjectNode readObject(String text) {
    JsonNode node = read(text);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new JdbcStoreException("stored JSON is not an object", null);
    }
    return (ObjectNode) node;
  }
}
