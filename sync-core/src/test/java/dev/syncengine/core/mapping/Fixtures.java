package dev.syncengine.core.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data: the Products table and collection, and helpers to build records and contexts. */
public final class Fixtures {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private Fixtures() {}

  static JsonNode resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/mapping/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SmartSuite table schema ({@code GET /applications/{id}/}) as the source adapter gives it. */
  public static SourceSchema sourceSchema(JsonNode table) {
    List<SourceField> fields = new ArrayList<>();
    for (JsonNode f : table.path("structure")) {
      fields.add(
          new SourceField(
              f.path("slug").asText(),
              f.path("label").asText(),
              f.path("field_type").asText(),
              FixtureKinds.source(f.path("field_type").asText()),
              f.path("params")));
    }
    return new SourceSchema(
        table.path("id").asText(),
        table.path("name").asText(),
        table.path("primary_field").asText(),
        fields);
  }

  /** A Webflow collection ({@code GET /collections/{id}}) as the sink adapter gives it. */
  public static TargetSchema targetSchema(JsonNode collection) {
    List<TargetField> fields = new ArrayList<>();
    for (JsonNode f : collection.path("fields")) {
      fields.add(
          new TargetField(
              f.path("id").asText(),
              f.path("slug").asText(),
              f.path("displayName").asText(),
              f.path("type").asText(),
              FixtureKinds.target(f.path("type").asText()),
              f.path("isRequired").asBoolean(),
              f.path("isEditable").asBoolean(true),
              f.path("validations")));
    }
    return new TargetSchema(
        collection.path("id").asText(), collection.path("displayName").asText(), fields);
  }

  static SourceSchema products() {
    return sourceSchema(resource("products-table.json"));
  }

  static TargetSchema productCollection() {
    return targetSchema(resource("products-collection.json"));
  }

  static JsonNode productMapping() {
    return resource("products-mapping.json");
  }

  static SourceRecord record(JsonNode r) {
    return new SourceRecord(
        r.path("id").asText(),
        Instant.parse(r.path("version").asText("2025-01-01T00:00:00Z")),
        (ObjectNode) r.path("values"));
  }

  static SourceRecord record(String id, String valuesJson) {
    ObjectNode values = (ObjectNode) json(valuesJson);
    values.put("id", id);
    return new SourceRecord(id, Instant.parse("2025-01-01T00:00:00Z"), values);
  }

  /** A context from "table/record" to item id pairs. */
  static MappingContext links(JsonNode links, boolean finalAttempt) {
    Map<String, String> map = new HashMap<>();
    links.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return new MappingContext() {
      @Override
      public Optional<String> itemIdFor(String table, String recordId) {
        return Optional.ofNullable(map.get(table + "/" + recordId));
      }

      @Override
      public boolean finalAttempt() {
        return finalAttempt;
      }
    };
  }

  /** Normalises number representations so 19.95 read from a file equals 19.95 produced. */
  static JsonNode canonical(JsonNode n) {
    try {
      return JSON.readTree(JSON.writeValueAsString(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
