package dev.syncengine.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.FieldConstraints;
import dev.syncengine.core.model.FileValues;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.testing.TestClock;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From the SmartSuite simulator through the source and the real mapping: when SmartSuite hands out
 * a new signed URL for the same file (the shared-file URL cache expired), the mapped image carries
 * the new URL but the same identity, so the sink sees no change; another file is a change.
 */
class FileIdentitySimulatorTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-04-01T08:00:00Z"));
  private SmartSuiteSimulator sim;
  private SmartSuiteSource source;
  private ConnectionConfig connection;
  private CompiledMapping mapping;

  @BeforeEach
  void setUp() throws Exception {
    sim = SmartSuiteSimulator.builder().apiKey("file-identity-key").start();
    SimFixture.createTables(sim);
    source =
        SmartSuiteSource.builder()
            .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()))
            .fileUrlTtl(Duration.ofMinutes(30))
            .clock(clock)
            .build();
    connection = SimFixture.connection("c1", sim, IngestionMode.POLLING, "tok-file-identity");
    TargetSchema target =
        new TargetSchema(
            "col1",
            "Products",
            List.of(
                new TargetField(
                    "f1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
                new TargetField(
                    "f2",
                    "hero",
                    "Hero",
                    "Image",
                    TargetKind.IMAGE,
                    false,
                    true,
                    null,
                    new FieldConstraints(null, 4L * 1024 * 1024))));
    mapping =
        DefaultMappingCompiler.ofDefaults()
            .compile(
                SimFixture.json("{\"fields\": {\"name\": \"title\", \"hero\": \"Images\"}}"),
                source.open(connection).schema(),
                target);
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  private String createMug(String handle, long size) {
    return sim.createRecord(
            SimFixture.PRODUCTS,
            SimFixture.json(
                "{\"title\":\"Mug\",\"s_imgs\":[{\"handle\":\""
                    + handle
                    + "\",\"metadata\":{\"filename\":\"mug.jpg\",\"mimetype\":\"image/jpeg\","
                    + "\"size\":"
                    + size
                    + "}}]}"))
        .path("id")
        .asText();
  }

  private JsonNode mappedHero(String recordId) throws Exception {
    JsonNode raw = sim.record(SimFixture.PRODUCTS, recordId).orElseThrow();
    Instant version = Instant.parse(raw.path("last_updated").path("on").asText());
    SourceRecord r =
        source
            .open(connection)
            .resolve(List.of(new PendingChange(recordId, version, null)))
            .get(recordId);
    return mapping.map(r, MappingContext.NONE).fieldData().get("hero");
  }

  @Test
  void aNewSignedUrlForTheSameFileKeepsItsIdentity() throws Exception {
    sim.putSharedFile("h1", "https://files.smartsuite.example/h1?sig=first");
    String id = createMug("h1", 52_311);
    JsonNode before = mappedHero(id);

    sim.putSharedFile("h1", "https://files.smartsuite.example/h1?sig=second");
    clock.advance(Duration.ofMinutes(31)); // the cached URL has expired
    JsonNode after = mappedHero(id);

    assertThat(before.get("url").asText()).endsWith("sig=first");
    assertThat(after.get("url").asText()).endsWith("sig=second");
    assertThat(FileValues.identity(after)).isEqualTo("h1:52311");
    assertThat(FileValues.sameFiles(before, after)).isTrue();
  }

  @Test
  void anotherFileIsAChangeAndAnImageOverFourMegabytesIsLeftOut() throws Exception {
    sim.putSharedFile("h1", "https://files.smartsuite.example/h1");
    sim.putSharedFile("h2", "https://files.smartsuite.example/h2");
    sim.putSharedFile("big", "https://files.smartsuite.example/big");
    JsonNode one = mappedHero(createMug("h1", 10));
    JsonNode other = mappedHero(createMug("h2", 10));
    JsonNode big = mappedHero(createMug("big", 5L * 1024 * 1024));

    assertThat(FileValues.sameFiles(one, other)).isFalse();
    assertThat(big).as("left out of the item").isNull();
  }
}
