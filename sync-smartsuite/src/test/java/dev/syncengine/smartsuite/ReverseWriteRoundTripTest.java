package dev.syncengine.smartsuite;

import static dev.syncengine.smartsuite.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.ReverseResult;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.RecordWriter.Written;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two building blocks together: Webflow edits go through the mapping's reverse and the
 * session's writer into the simulator, and reading the record back maps forward to the same Webflow
 * values, so a second reverse finds nothing to write.
 */
class ReverseWriteRoundTripTest {

  @Test
  void webflowEditsReachSmartSuiteAndMapForwardToTheSameValues() throws Exception {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("w-roundtrip").start()) {
      RecordWriterSimulatorTest.table(sim);
      String id =
          sim.createRecord(
                  "tblwrites",
                  json(
                      "{\"title\":\"Mug\",\"s_price\":\"9.50\",\"s_colour\":\"c1\",\"s_sku\":\"M\"}"))
              .path("id")
              .asText();
      SourceSession session =
          RecordWriterSimulatorTest.source(sim, c -> c)
              .open(RecordWriterSimulatorTest.connection(sim));
      CompiledMapping mapping =
          DefaultMappingCompiler.ofDefaults()
              .compile(
                  json(
                      "{\"fields\":{\"name\":{\"source\":\"title\",\"owner\":\"both\"},"
                          + "\"price\":{\"source\":\"Price\",\"owner\":\"webflow\"},"
                          + "\"colour\":{\"source\":\"Colour\",\"owner\":\"both\"},"
                          + "\"live\":{\"source\":\"Live\",\"owner\":\"webflow\"},"
                          + "\"email\":{\"source\":\"Email\",\"owner\":\"webflow\"},"
                          + "\"when\":{\"source\":\"When\",\"owner\":\"webflow\"}}}"),
                  session.schema(),
                  collection());
      ObjectNode before = forward(mapping, session, id);

      ObjectNode edited = before.deepCopy();
      edited.put("name", "Big mug").put("price", 12.5).put("colour", "o2").put("live", true);
      edited.put("email", "shop@example.com").put("when", "2025-04-01T13:45:00.000Z");
      ReverseResult r = mapping.reverse().reverse(edited, before);
      assertThat(r.errors()).isEmpty();
      assertThat(r.values())
          .containsOnlyKeys("title", "s_price", "s_colour", "s_live", "s_email", "s_when");
      Written w = session.writer().orElseThrow().update(id, r.values());

      ObjectNode stored = sim.record("tblwrites", id).orElseThrow();
      assertThat(stored.path("s_colour").asText()).isEqualTo("c2");
      assertThat(stored.path("s_price").asText()).isEqualTo("12.5");
      assertThat(w.lastUpdated().toString())
          .isEqualTo(
              java.time.Instant.parse(stored.path("last_updated").path("on").asText()).toString());
      ObjectNode after = forward(mapping, session, id);
      for (String f : List.of("name", "colour", "live", "email", "when")) {
        assertThat(after.get(f)).as(f).isEqualTo(edited.get(f));
      }
      assertThat(new BigDecimal(after.get("price").asText())).isEqualByComparingTo("12.5");
      assertThat(mapping.reverse().reverse(after, edited).isEmpty()).isTrue(); // nothing echoes
    }
  }

  private static ObjectNode forward(CompiledMapping mapping, SourceSession session, String id)
      throws Exception {
    SourceRecord record =
        session.list(null, 10, null).records().stream()
            .filter(r -> r.id().equals(id))
            .findFirst()
            .orElseThrow();
    return mapping.map(record, MappingContext.NONE).fieldData();
  }

  private static TargetSchema collection() {
    JsonNode options =
        json("{\"options\":[{\"id\":\"o1\",\"name\":\"Red\"},{\"id\":\"o2\",\"name\":\"Blue\"}]}");
    return new TargetSchema(
        "col1",
        "Products",
        List.of(
            new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("3", "price", "Price", "Number", TargetKind.NUMBER, false, true, null),
            new TargetField(
                "4", "colour", "Colour", "Option", TargetKind.OPTION, false, true, options),
            new TargetField("5", "live", "Live", "Switch", TargetKind.BOOLEAN, false, true, null),
            new TargetField("6", "email", "Email", "Email", TargetKind.EMAIL, false, true, null),
            new TargetField(
                "7", "when", "When", "DateTime", TargetKind.DATE_TIME, false, true, null)));
  }
}
