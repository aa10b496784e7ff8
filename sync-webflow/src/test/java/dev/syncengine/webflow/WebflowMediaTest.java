package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.testing.webflow.RecordedRequest;
import dev.syncengine.testing.webflow.SimField;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.webflow.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images from SmartSuite through the real mapping and the sink into the Webflow simulator: signed
 * URLs change while the files stay the same (no write), a genuine change leaves unchanged images
 * out of the PATCH, an image over Webflow's 4 MB is left out with a warning, and the file identity
 * the engine compares by never reaches Webflow (the simulator refuses image properties Webflow does
 * not describe).
 */
class WebflowMediaTest {
  private static final long MB = 1024 * 1024;
  private static final SourceSchema SOURCE =
      new SourceSchema(
          "tbl",
          "Products",
          "title",
          List.of(
              new SourceField("s_img", "Photos", "filefield", SourceKind.FILES, null),
              new SourceField("s_cap", "Caption", "textfield", SourceKind.TEXT, null),
              new SourceField("s_price", "Price", "numberfield", SourceKind.NUMBER, null)));
  private static final String MAPPING =
      """
      {"fields": {"name": "title", "price": "Price",
                  "hero": {"source": "Photos", "alt": "Caption"},
                  "gallery": "Photos"}}
      """;

  private SinkOnSimulator on;
  private ConnectionConfig connection;
  private CompiledMapping mapping;

  @BeforeEach
  void setUp() throws Exception {
    on =
        new SinkOnSimulator(
            List.of(
                SimField.optional("price", "Number"),
                SimField.optional("hero", "Image"),
                SimField.optional("gallery", "MultiImage")));
    connection = on.connection(Map.of());
    TargetSchema target = on.calls.schema(connection);
    mapping =
        DefaultMappingCompiler.ofDefaults().compile(Json.MAPPER.readTree(MAPPING), SOURCE, target);
  }

  @AfterEach
  void everyRequestConformsToTheOpenApiDescription() {
    try {
      assertThat(on.openApiViolations()).isEmpty();
    } finally {
      on.close();
    }
  }

  /** A SmartSuite-shaped normalised file: handle and size identify it, the URL is signed. */
  private static ObjectNode file(String handle, long size, String signature) {
    ObjectNode f = Json.object();
    f.put("url", "https://files.smartsuite.example/" + handle + ".jpg?sig=" + signature);
    f.put("id", handle);
    f.put("size", size);
    f.put("name", handle + ".jpg");
    return f;
  }

  private MappedItem map(double price, ObjectNode... files) {
    ObjectNode v = Json.object();
    v.put("title", "Mug");
    v.put("s_price", price);
    v.put("s_cap", "A blue mug");
    ArrayNode arr = v.putArray("s_img");
    for (ObjectNode f : files) {
      arr.add(f);
    }
    try {
      return mapping.map(new SourceRecord("r1", Instant.now(), v), MappingContext.NONE);
    } catch (dev.syncengine.core.mapping.MappingException e) {
      throw new AssertionError("the record should map", e);
    }
  }

  private WriteResult write(MappedItem item, IdMapping existing) {
    return on.calls
        .write(
            connection,
            List.of(new WriteOp.Upsert("r1", item.fieldData(), ItemAction.DEFAULT, existing)))
        .get(0);
  }

  private SimItem item() {
    return on.sim.liveItems(on.collection).get(0);
  }

  @Test
  void theSinkGivesTheMappingWebflowsImageLimits() {
    TargetSchema schema = on.calls.schema(connection);
    TargetField hero = schema.field("hero").orElseThrow();
    TargetField gallery = schema.field("gallery").orElseThrow();

    assertThat(hero.constraints().maxFileBytes()).isEqualTo(WebflowLimits.MAX_IMAGE_BYTES);
    assertThat(gallery.constraints().maxItems()).isEqualTo(WebflowLimits.MAX_MULTI_IMAGES);
    assertThat(schema.field("price").orElseThrow().constraints().maxItems()).isNull();
  }

  @Test
  void aNewSignedUrlForTheSameFilesIsNoChangeAndCostsNoRequest() {
    WriteResult created = write(map(1, file("h1", 10, "a"), file("h2", 20, "a")), null);
    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    int requests = on.sim.recordedRequests().size();

    WriteResult again = write(map(1, file("h1", 10, "b"), file("h2", 20, "b")), mapping(created));

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(on.sim.recordedRequests()).hasSize(requests);
  }

  @Test
  void aGenuineChangeLeavesTheUnchangedImagesOutOfThePatch() {
    WriteResult created = write(map(1, file("h1", 10, "a"), file("h2", 20, "a")), null);

    WriteResult updated = write(map(2, file("h1", 10, "c"), file("h2", 20, "c")), mapping(created));

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    RecordedRequest patch = on.requests("PATCH").get(0);
    JsonNode sent = SinkOnSimulator.body(patch).get("items").get(0).get("fieldData");
    assertThat(sent.get("price").asDouble()).isEqualTo(2.0);
    assertThat(sent.has("hero")).isFalse();
    assertThat(sent.has("gallery")).isFalse();
    // Webflow keeps the images it imported the first time.
    assertThat(item().fieldData().get("hero").get("url").asText()).endsWith("h1.jpg?sig=a");
    assertThat(item().fieldData().get("price").asDouble()).isEqualTo(2.0);
  }

  @Test
  void anotherFileIsSentWithItsCurrentUrlAndWithoutItsIdentity() {
    WriteResult created = write(map(1, file("h1", 10, "a")), null);

    WriteResult updated = write(map(1, file("h3", 30, "d")), mapping(created));

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    JsonNode sent =
        SinkOnSimulator.body(on.requests("PATCH").get(0)).get("items").get(0).get("fieldData");
    assertThat(sent.get("hero").toString())
        .isEqualTo(
            "{\"url\":\"https://files.smartsuite.example/h3.jpg?sig=d\",\"alt\":\"A blue mug\"}");
    assertThat(item().fieldData().get("gallery").get(0).get("url").asText())
        .endsWith("h3.jpg?sig=d");
    // The snapshot keeps the identity, so the next comparison is by file, not by URL.
    assertThat(updated.fieldData().get("hero").get("sourceFile").asText()).isEqualTo("h3:30");
  }

  @Test
  void anImageOverFourMegabytesIsLeftOutWithAWarningAndTheRestOfTheItemSyncs() {
    MappedItem item = map(5, file("big", 5 * MB, "a"), file("h1", 10, "a"));

    WriteResult created = write(item, null);

    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(item.warnings())
        .anyMatch(w -> w.contains("'big.jpg' of 5242880 bytes is over MultiImage's limit"));
    SimItem written = item();
    assertThat(written.fieldData().get("price").asDouble()).isEqualTo(5.0);
    assertThat(written.fieldData().get("gallery")).hasSize(1);
    assertThat(written.fieldData().get("gallery").get(0).get("url").asText())
        .endsWith("h1.jpg?sig=a");
    assertThat(written.fieldData().get("hero").get("url").asText()).endsWith("h1.jpg?sig=a");
  }

  private static IdMapping mapping(WriteResult r) {
    return SinkOnSimulator.mapping(r);
  }
}
