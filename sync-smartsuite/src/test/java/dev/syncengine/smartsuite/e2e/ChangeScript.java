package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static dev.syncengine.smartsuite.e2e.E2e.json;

import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes a reproducible mix of record changes in the simulator, as people editing a table would:
 * about 40% creates, 40% updates and 20% deletes of live records. Not thread-safe.
 */
final class ChangeScript {
  private final SmartSuiteSimulator sim;
  private final Random random;
  private final List<String> live = new ArrayList<>();
  private int made;
  int creates;
  int updates;
  int deletes;

  ChangeScript(SmartSuiteSimulator sim, long seed) {
    this.sim = sim;
    this.random = new Random(seed);
  }

  /** Makes {@code count} more changes. */
  void run(int count) {
    for (int n = 0; n < count; n++) {
      int i = made++;
      int roll = random.nextInt(10);
      if (live.size() < 5 || roll < 4) {
        String body =
            "{\"title\":\"Product " + i + "\",\"s_price\":\"" + i + ".99\",\"s_live\":true}";
        live.add(sim.createRecord(PRODUCTS, json(body)).path("id").asText());
        creates++;
      } else if (roll < 8) {
        String id = live.get(random.nextInt(live.size()));
        String body = "{\"s_price\":\"" + (i * 3) + ".25\",\"s_colour\":\"c" + (1 + i % 2) + "\"}";
        sim.updateRecord(PRODUCTS, id, json(body));
        updates++;
      } else {
        sim.deleteRecord(PRODUCTS, live.remove(random.nextInt(live.size())));
        deletes++;
      }
    }
  }
}
