package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static dev.syncengine.smartsuite.e2e.E2e.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator.LostAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #20 point 2: registering a SmartSuite webhook is idempotent whatever happens after
 * SmartSuite created it. Our own webhooks are those notifying this connection's URL (same path,
 * whatever token); registration adopts one, deletes the other ones, and records the one it kept.
 */
class WebhookRegistrationIdempotencyEndToEndTest {
  private static final String CONNECTION = "idem";

  /** A source whose client gives up on an answer well before the simulator's lost-answer delay. */
  private static SmartSuiteSource source(SmartSuiteSimulator sim) {
    return SmartSuiteSource.builder()
        .client(
            c ->
                c.baseUrl(sim.baseUrl())
                    .webhooksUrl(sim.webhooksUrl())
                    .penalty(E2e.PENALTY)
                    .readTimeout(Duration.ofMillis(700))
                    .retryDelay(Duration.ofMillis(20)))
        .eventPageSize(50)
        .build();
  }

  @ParameterizedTest
  @EnumSource(LostAnswer.class)
  void aLostCreateAnswerThenARetryLeavesExactlyOneWebhookTheRecordedOne(LostAnswer how)
      throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-idem-" + how, SimWebhookDelivery.once());
        HookReceiver receiver = new HookReceiver()) {
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);
      try (SyncEngine engine = E2e.engine(rec.stores, source(sim), sink, receiver, "idem")) {
        receiver.routeTo(engine);
        sim.loseCreateWebhookAnswers(how, 1);

        try {
          engine.admin().registerWebhook(CONNECTION);
        } catch (RuntimeException lost) {
          // allowed: what matters is what the retry leaves behind
        }
        assertThat(sim.webhookIds()).as("SmartSuite created it despite the lost answer").hasSize(1);
        engine.admin().registerWebhook(CONNECTION); // the retry
        engine.admin().registerWebhook(CONNECTION); // and once more, for good measure

        assertThat(sim.webhookIds()).hasSize(1);
        assertThat(webhookId(rec)).isEqualTo(sim.webhookIds().get(0));
        assertPingsAccepted(sim, engine, sink, receiver);
      }
    }
  }

  @Test
  void orphansAndDuplicatesPointingAtUsAreAdoptedOrDeletedOthersLeftAlone() throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-idem-orphans", SimWebhookDelivery.once());
        HookReceiver receiver = new HookReceiver()) {
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      ConnectionConfig c =
          E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);
      String url = receiver.urlFor(c);
      // left behind by crashes after CreateWebhook: two with today's URL, one with an old token
      String orphan1 = sim.registerWebhook(definition(sim, url));
      String orphan2 = sim.registerWebhook(definition(sim, url));
      String staleToken =
          sim.registerWebhook(
              definition(sim, url.substring(0, url.lastIndexOf('/') + 1) + "old-token"));
      // not ours: another connection whose id starts like ours, and another app altogether
      String neighbour =
          sim.registerWebhook(definition(sim, url.replace("/" + CONNECTION + "/", "/idem2/")));
      String foreign = sim.registerWebhook(definition(sim, "https://elsewhere.example/hook/x"));

      try (SyncEngine engine = E2e.engine(rec.stores, source(sim), sink, receiver, "idem")) {
        receiver.routeTo(engine);
        engine.admin().registerWebhook(CONNECTION);

        String kept = webhookId(rec);
        assertThat(kept).isIn(orphan1, orphan2, staleToken);
        assertThat(sim.webhookIds()).containsExactlyInAnyOrder(kept, neighbour, foreign);
        assertThat(webhookUrl(sim, kept)).isEqualTo(url);
        assertThat(webhookUrl(sim, neighbour)).contains("/idem2/");
        assertPingsAccepted(sim, engine, sink, receiver);
      }
    }
  }

  /**
   * The token was rotated: the recorded webhook still notifies the old URL. It is ours by its
   * connection path, so it is pointed at the new URL rather than replaced by a second webhook.
   */
  @Test
  void aRecordedWebhookWithARotatedTokenIsRepointedNotDuplicated() throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-idem-rotated", SimWebhookDelivery.once());
        HookReceiver receiver = new HookReceiver()) {
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);
      try (SyncEngine engine = E2e.engine(rec.stores, source(sim), sink, receiver, "idem")) {
        receiver.routeTo(engine);
        engine.admin().registerWebhook(CONNECTION);
        String first = webhookId(rec);
        String oldUrl = webhookUrl(sim, first);

        ConnectionConfig c = rec.stores.connections().find(CONNECTION).orElseThrow();
        ConnectionConfig rotated =
            c.toBuilder()
                .credentials(
                    c.credentials().with(Credentials.WEBHOOK_TOKEN, UUID.randomUUID().toString()))
                .build();
        engine.admin().update(rotated);
        engine.admin().registerWebhook(CONNECTION);

        assertThat(sim.webhookIds()).containsExactly(first);
        assertThat(webhookId(rec)).isEqualTo(first);
        assertThat(webhookUrl(sim, first)).isNotEqualTo(oldUrl).isEqualTo(receiver.urlFor(rotated));
        assertPingsAccepted(sim, engine, sink, receiver);
      }
    }
  }

  private static ObjectNode definition(SmartSuiteSimulator sim, String url) {
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    w.putObject("filter").putObject("applications").putArray("application_ids").add(PRODUCTS);
    w.putArray("kinds").add("RECORD_CREATED").add("RECORD_UPDATED").add("RECORD_DELETED");
    w.putObject("locator").put("account_id", sim.accountId()).put("solution_id", E2e.SOLUTION);
    w.putObject("notification_status").putObject("enabled").put("url", url);
    return w;
  }

  private static String webhookUrl(SmartSuiteSimulator sim, String id) {
    return sim.webhookJson(id).path("notification_status").path("enabled").path("url").asText();
  }

  private static void assertPingsAccepted(
      SmartSuiteSimulator sim, SyncEngine engine, FakeSink sink, HookReceiver receiver)
      throws InterruptedException {
    String title = "after registering " + UUID.randomUUID();
    String id =
        sim.createRecord(PRODUCTS, json("{\"title\":\"" + title + "\"}")).path("id").asText();
    assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(10))).isTrue();
    while (engine.runOnce().claimed() > 0) {
      // the pull, then the change it found
    }
    assertThat(receiver.answered(401)).as("pings refused").isZero();
    assertThat(sink.itemsByRecord().get(id)).isNotNull();
    assertThat(List.of(sink.itemsByRecord().get(id).path("name").asText())).containsExactly(title);
  }

  private static String webhookId(RecordingStores rec) {
    return rec.stores
        .connections()
        .find(CONNECTION)
        .orElseThrow()
        .options()
        .get(SmartSuiteSource.OPTION_WEBHOOK_ID);
  }
}
