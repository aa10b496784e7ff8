package dev.syncengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.benchmarks.e2e.BenchSetup;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.smartsuite.internal.RecordNormaliser;
import dev.syncengine.smartsuite.internal.SchemaReader;
import dev.syncengine.smartsuite.internal.SignedPushParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * SmartSuite record parsing on one thread, over realistic raw records of a 22-field products table
 * (currency, rich text as ProseMirror JSON or HTML, single/multi select, status, dates, files,
 * linked records, email, link, phone, address, user, colour, number, percent):
 *
 * <ul>
 *   <li>{@code normaliseRecord}: the adapter's normaliser, raw record to the normalised shape the
 *       mapping reads (choice labels, decimals, ISO dates, HTML, URLs, display strings);
 *   <li>{@code parseSignedPush}: a signed push delivery verified (Standard Webhooks HMAC) and
 *       parsed into a change event, as ingress does.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SmartSuiteParsingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 3)
public class SmartSuiteParsingBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECORDS = 256;

  private RecordNormaliser normaliser;
  private List<ObjectNode> raw;
  private List<IngestRequest> pushes;
  private ConnectionConfig connection;
  private int next;

  @Setup
  public void setUp() throws Exception {
    JsonNode table;
    try (InputStream in =
        SmartSuiteParsingBenchmark.class.getResourceAsStream("/benchmarks/products-table.json")) {
      table = JSON.readTree(in);
    }
    normaliser =
        new RecordNormaliser(
            SchemaReader.read("64f1b0c0d0e0f00000000001", table),
            handle -> "https://files.example.com/" + handle);
    raw = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      raw.add(record(i));
    }
    connection = BenchSetup.connection("key", "account", "site", "collection", 100);
    StandardWebhooks signer =
        new StandardWebhooks(
            List.of(BenchSetup.SIGNING_SECRET), Duration.ofMinutes(5), Clock.systemUTC());
    pushes = new ArrayList<>(RECORDS);
    long ts = System.currentTimeMillis() / 1000;
    for (int i = 0; i < RECORDS; i++) {
      ObjectNode body = JSON.createObjectNode();
      body.put("event_type", "record_updated");
      body.put("record_id", raw.get(i).path("id").asText());
      body.set("data", raw.get(i));
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      String id = "msg_" + i;
      pushes.add(
          IngestRequest.builder(bytes)
              .contentType("application/json")
              .header(StandardWebhooks.ID_HEADER, id)
              .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
              .header(StandardWebhooks.SIGNATURE_HEADER, signer.sign(id, ts, bytes))
              .build());
    }
    // fail fast: every record normalises without warnings, every push parses
    for (ObjectNode r : raw) {
      RecordNormaliser.Result res = normaliser.normalise(r);
      if (!res.warnings().isEmpty()) {
        throw new IllegalStateException("unexpected warnings: " + res.warnings());
      }
    }
    for (IngestRequest p : pushes) {
      SignedPushParser.parse(connection, p, Clock.systemUTC());
    }
  }

  /** One raw record normalised; ops/s is records per second. */
  @Benchmark
  public RecordNormaliser.Result normaliseRecord() {
    ObjectNode r = raw.get(next);
    next = (next + 1) & (RECORDS - 1);
    return normaliser.normalise(r);
  }

  /** One signed push verified and parsed into a change event; ops/s is deliveries per second. */
  @Benchmark
  public ChangeEvent parseSignedPush() throws IngressException {
    IngestRequest p = pushes.get(next);
    next = (next + 1) & (RECORDS - 1);
    return SignedPushParser.parse(connection, p, Clock.systemUTC());
  }

  /** A raw record as SmartSuite's API returns it. */
  static ObjectNode record(int i) throws IOException {
    ObjectNode v = JSON.createObjectNode();
    String id = String.format("64f1b0c0d0e0f0000000%04d", i);
    Instant updated = Instant.parse("2025-03-01T10:15:30Z").plusSeconds(i);
    v.put("id", id);
    v.put("application_id", "64f1b0c0d0e0f00000000001");
    v.put("title", "Crème Brûlée Tea Blend " + i);
    v.put("autonumber", i + 1);
    v.putObject("first_created")
        .put("by", "5f0a00000000000000000001")
        .put("on", "2025-01-02T08:00:00Z");
    v.putObject("last_updated").put("by", "5f0a00000000000000000001").put("on", updated.toString());
    v.put("s1a561b4ae", (5 + i % 90) + "." + String.format("%02d", i % 100));
    v.put("s2b7c9d0e1", " sku-" + i + " ");
    if (i % 2 == 0) {
      v.set(
          "s3c8d0e1f2",
          JSON.readTree(
              "{\"data\":{\"type\":\"doc\",\"content\":[{\"type\":\"paragraph\",\"content\":["
                  + "{\"type\":\"text\",\"text\":\"A smooth, \"},{\"type\":\"text\",\"marks\":[{\"type\":\"bold\"}],"
                  + "\"text\":\"creamy\"},{\"type\":\"text\",\"text\":\" blend with vanilla & caramel notes.\"}]},"
                  + "{\"type\":\"bullet_list\",\"content\":[{\"type\":\"list_item\",\"content\":[{\"type\":\"paragraph\","
                  + "\"content\":[{\"type\":\"text\",\"text\":\"Loose leaf\"}]}]},{\"type\":\"list_item\",\"content\":"
                  + "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"100 g tin\"}]}]}]}]},"
                  + "\"html\":\"\",\"preview\":\"A smooth, creamy blend\"}"));
    } else {
      v.putObject("s3c8d0e1f2")
          .put("html", "<p>A smooth, <strong>creamy</strong> blend " + i + ".</p>")
          .put("preview", "A smooth, creamy blend");
    }
    v.put("s4d9e1f2a3", new String[] {"c1Tea", "c2Cof", "c3Gear"}[i % 3]);
    v.putArray("s5e0f2a3b4").add("t1").add(i % 2 == 0 ? "t2" : "t3");
    v.putObject("s6f1a3b4c5")
        .put("date", "2025-04-" + String.format("%02d", 1 + i % 28) + "T00:00:00Z")
        .put("include_time", false);
    v.put("s7a2b4c5d6", i % 3 != 0);
    ArrayNode photos = v.putArray("s8b3c5d6e7");
    photos.addObject().put("handle", "h" + i + "a").put("name", "front.jpg").put("size", 120345);
    photos.addObject().put("handle", "h" + i + "b").put("name", "back.jpg").put("size", 99812);
    v.putArray("s9c4d6e7f8").add(String.format("64f0aaaa00000000000%05d", i % 50));
    v.putArray("sa0d5e7f8a").add("orders@tea-" + i + ".example.com");
    v.putArray("sb1e6f8a9b").add("https://tea-" + i + ".example.com");
    v.putArray("sc2f7a9b0c")
        .addObject()
        .put("phone_country", "GB")
        .put("phone_number", "20 7946 " + String.format("%04d", i))
        .put("phone_extension", "")
        .put("phone_type", 1);
    v.putObject("sd3a8b0c1d").put("value", "in_progress").put("updated_on", updated.toString());
    v.putArray("se4b9c1d2e").addObject().put("name", "Teal").put("value", "#0F766E");
    v.putArray("sf5c0d2e3f").add("https://video.example.com/watch?v=" + i);
    v.put("sg6d1e3f4a", 100 + i % 400);
    v.put("sh7e2f4a5b", String.valueOf(i % 30));
    v.putObject("si8f3a5b6c")
        .put("location_address", i + " High Street")
        .put("location_address2", "")
        .put("location_city", "London")
        .put("location_state", "")
        .put("location_zip", "EC1A 1BB")
        .put("location_country", "United Kingdom");
    v.putArray("sj9a4b6c7d")
        .add(String.format("64f1b0c0d0e0f0000000%04d", (i + 1) % RECORDS))
        .add(String.format("64f1b0c0d0e0f0000000%04d", (i + 7) % RECORDS));
    v.put(
        "sk0b5c7d8e",
        "Steep 3-4 minutes at 95°C.\nBest with milk.\n\nStore in a cool, dry place. Batch " + i);
    v.putArray("sl1c6d8e9f").add("5f0a00000000000000000001");
    return v;
  }
}
