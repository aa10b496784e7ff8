package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One compiled mapping shared by many threads, each mapping different records at once, must give
 * every record exactly what a single thread gives it: no input, variable or binding of one
 * evaluation may show up in another.
 */
class ConcurrentMappingTest {
  private static final int THREADS = 16;
  private static final int RECORDS_PER_THREAD = 400;

  @Test
  void aSharedCompiledMappingGivesEachRecordItsOwnResultUnderManyThreads() throws Exception {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ObjectNode fields = (ObjectNode) doc.get("fields");
    // Variables, the root ($$) and our functions: whatever a shared environment could mix up.
    fields
        .putObject("address")
        .put("rule", "jsonata")
        .put(
            "expression",
            "($p := $number(Price); $id := $$.id; $id & ':' & $string($p * 2) & ':' & $kebab(Title))");
    fields
        .putObject("notes")
        .put("rule", "jsonata")
        .put("expression", "$join(Tags.$uppercase($), '+')");
    CompiledMapping mapping =
        DefaultMappingCompiler.ofDefaults()
            .compile(doc, Fixtures.products(), Fixtures.productCollection());
    MappingContext links =
        (table, id) -> Optional.of("item-" + id); // every linked record has synced

    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < THREADS * RECORDS_PER_THREAD; i++) {
      records.add(record(i));
    }
    List<JsonNode> expected = new ArrayList<>();
    for (SourceRecord r : records) {
      expected.add(mapping.map(r, links).fieldData());
    }
    // Check the reference results are themselves per record, so the comparison means something.
    assertThat(expected.get(7).get("address").asText())
        .isEqualTo("rec-7:" + new BigDecimal("14.02").toPlainString() + ":product-7-edition-7");
    assertThat(expected.get(8).get("notes").asText()).isEqualTo("<p>T8+ORGANIC</p>");

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int mismatches = 0;
                  for (int round = 0; round < 3; round++) {
                    // Threads walk the records in different orders so neighbours differ.
                    for (int k = 0; k < records.size(); k += THREADS) {
                      int i = (k + offset * 7 + round) % records.size();
                      JsonNode actual = mapping.map(records.get(i), links).fieldData();
                      if (!actual.equals(expected.get(i))) {
                        mismatches++;
                      }
                    }
                  }
                  return mismatches;
                }));
      }
      start.countDown();
      int mismatches = 0;
      for (Future<Integer> f : results) {
        mismatches += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(mismatches).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  private static SourceRecord record(int i) {
    ObjectNode v = Fixtures.JSON.createObjectNode();
    v.put("id", "rec-" + i);
    v.put("title", "Product " + i + " Edition " + i);
    v.put("s1a561b4ae", new BigDecimal(i).add(new BigDecimal("0.01")).toPlainString());
    v.put("s2b7c9d0e1", "SKU-" + i);
    v.put("s4d9e1f2a3", List.of("Tea", "Coffee", "Gear").get(i % 3));
    v.putArray("s5e0f2a3b4").add("T" + i).add("Organic");
    v.put("sh7e2f4a5b", String.valueOf(i % 50));
    v.putArray("s9c4d6e7f8").add("sup-" + (i % 10));
    v.putArray("sj9a4b6c7d").add("rec-" + (i + 1)).add("rec-" + (i + 2));
    v.putObject("s6f1a3b4c5")
        .put("date", "2025-01-" + String.format("%02d", 1 + i % 28) + "T00:00:00Z")
        .put("include_time", false);
    v.put("sd3a8b0c1d", List.of("Active", "Draft", "Sold").get(i % 3));
    return new SourceRecord("rec-" + i, Instant.EPOCH, v);
  }

  @SuppressWarnings("unused")
  private static Map<String, String> unused() {
    return Map.of();
  }
}
