package dev.syncengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.smartsuite.SmartSuiteFieldTypes;
import dev.syncengine.webflow.WebflowFieldTypes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records mapped per second on one thread by a 12-field mapping (4 direct, 3 JSONata, 2 templates,
 * slug, option, reference) over realistic normalised SmartSuite product records.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar MappingBenchmark -f 1 -wi 2 -i 3
 * </pre>
 *
 * <p>Warm-up iterations are long (8 s) because the JSONata interpreter's large methods take the JIT
 * a while to compile, the more so on a busy machine; shorter warm-ups measure the interpreter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 5, time = 3)
public class MappingBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECORDS = 1024;

  private CompiledMapping mapping;
  private List<SourceRecord> records;
  private final MappingContext links =
      (table, id) -> Optional.of("66bb0000000000000000" + id.substring(id.length() - 4));
  private int next;

  @Setup
  public void setUp() throws Exception {
    mapping =
        DefaultMappingCompiler.ofDefaults()
            .compile(
                resource("benchmark-mapping.json"),
                sourceSchema(resource("products-table.json")),
                targetSchema(resource("products-collection.json")));
    records = new ArrayList<>(RECORDS);
    String[] categories = {"Tea", "Coffee", "Gear"};
    String[] names = {
      "Crème Brûlée Tea Blend",
      "Sencha No. 5",
      "Cast-Iron Kettle (Ø 18 cm)",
      "Ethiopian Yirgacheffe"
    };
    for (int i = 0; i < RECORDS; i++) {
      ObjectNode v = JSON.createObjectNode();
      String id = String.format("64f1b0c0d0e0f0000000%04d", i);
      v.put("id", id);
      v.put("title", names[i % names.length] + " " + i);
      v.put("s1a561b4ae", (5 + i % 90) + "." + String.format("%02d", i % 100));
      v.put("s2b7c9d0e1", " sku-" + i + " ");
      v.put("s4d9e1f2a3", categories[i % 3]);
      v.putArray("s5e0f2a3b4").add("Organic").add(i % 2 == 0 ? "Fair Trade" : "Limited");
      v.putObject("s6f1a3b4c5")
          .put("date", "2025-04-" + String.format("%02d", 1 + i % 28) + "T00:00:00Z")
          .put("include_time", false);
      v.putArray("s9c4d6e7f8").add(String.format("64f0aaaa00000000000%05d", i % 50));
      v.put("sh7e2f4a5b", String.valueOf(i % 30));
      v.put(
          "sk0b5c7d8e",
          "Steep 3-4 minutes at 95°C.\nBest with milk.\n\nStore in a cool, dry place away from light & moisture. Batch "
              + i);
      v.put("sd3a8b0c1d", "Active");
      records.add(new SourceRecord(id, Instant.parse("2025-03-01T10:15:30Z"), v));
    }
    // Fail fast if the mapping does not work on these records.
    for (SourceRecord r : records) {
      mapping.map(r, links);
    }
  }

  /** One record mapped; throughput in ops/s is records per second. */
  @Benchmark
  public MappedItem mapOneRecord() throws MappingException {
    SourceRecord r = records.get(next);
    next = (next + 1) & (RECORDS - 1);
    return mapping.map(r, links);
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = MappingBenchmark.class.getResourceAsStream("/benchmarks/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static SourceSchema sourceSchema(JsonNode table) {
    List<SourceField> fields = new ArrayList<>();
    for (JsonNode f : table.path("structure")) {
      fields.add(
          new SourceField(
              f.path("slug").asText(),
              f.path("label").asText(),
              f.path("field_type").asText(),
              SmartSuiteFieldTypes.kindOf(f.path("field_type").asText()),
              f.path("params")));
    }
    return new SourceSchema(
        table.path("id").asText(),
        table.path("name").asText(),
        table.path("primary_field").asText(),
        fields);
  }

  private static TargetSchema targetSchema(JsonNode collection) {
    List<TargetField> fields = new ArrayList<>();
    for (JsonNode f : collection.path("fields")) {
      fields.add(
          new TargetField(
              f.path("id").asText(),
              f.path("slug").asText(),
              f.path("displayName").asText(),
              f.path("type").asText(),
              WebflowFieldTypes.kindOf(f.path("type").asText()),
              f.path("isRequired").asBoolean(),
              f.path("isEditable").asBoolean(true),
              f.path("validations")));
    }
    return new TargetSchema(
        collection.path("id").asText(), collection.path("displayName").asText(), fields);
  }
}
