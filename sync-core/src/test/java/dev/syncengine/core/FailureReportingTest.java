package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.internal.Problems;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Failures that need a person are WARN (rate-limited), counted exactly through the listener and
 * kept as the connection's problems: refused deliveries, failed registrations, upstream errors and
 * dead letters. Secrets never reach the log or the problems.
 */
class FailureReportingTest {
  static final String TOKEN = "url-token-that-must-never-be-logged-0123456789";

  /** Counts every listener call by "method connection code". */
  static final class Counting extends SyncListener {
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    long get(String key) {
      AtomicLong n = counts.get(key);
      return n == null ? 0 : n.get();
    }

    private void add(String key) {
      counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void rejected(String connectionId, String reason) {
      add("rejected " + connectionId + " " + reason);
    }

    @Override
    public void webhookRegistrationFailed(String connectionId, String code) {
      add("registration " + connectionId + " " + code);
    }

    @Override
    public void upstreamError(String connectionId, String operation, String code) {
      add("upstream " + connectionId + " " + operation + " " + code);
    }

    @Override
    public void dead(String connectionId, String errorCode) {
      add("dead " + connectionId + " " + errorCode);
    }
  }

  private TestClock clock;
  private EngineFixture f;
  private Counting listener;
  private SyncEngine engine;
  private ListAppender<ILoggingEvent> logs;
  private Logger problemsLogger;
  private volatile RuntimeException subscribeFailure;
  private volatile Map<String, String> maintainAnswer;

  @BeforeEach
  void setUp() {
    clock = TestClock.at(Instant.parse("2026-05-01T12:00:00Z"));
    f = new EngineFixture(clock);
    // The URL token is a credential: it must be scrubbed wherever it would be echoed.
    f.stores
        .connections()
        .save(
            f.connection.toBuilder()
                .credentials(f.connection.credentials().with(Credentials.WEBHOOK_TOKEN, TOKEN))
                .build());
    listener = new Counting();
    engine =
        SyncEngine.builder()
            .stores(f.stores)
            .source(failingSubscribe(f.source))
            .sink(f.sink)
            .mappingCompiler(EngineFixture.COMPILER)
            .clock(clock)
            .listener(listener)
            .workers(EngineFixture.workers(1, Duration.ofSeconds(30)))
            .configCacheTtl(Duration.ZERO)
            .webhookUrl(c -> "https://sync.example.com/sync/hooks/" + c.id() + "/" + TOKEN)
            .build();
    problemsLogger = (Logger) LoggerFactory.getLogger(Problems.class);
    logs = new ListAppender<>();
    logs.start();
    problemsLogger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    problemsLogger.detachAppender(logs);
    engine.close();
  }

  /**
   * The fake source, except that its sessions' subscribe throws {@link #subscribeFailure} and
   * maintain answers {@link #maintainAnswer} when set.
   */
  private SourceAdapter failingSubscribe(SourceAdapter delegate) {
    return new SourceAdapter() {
      @Override
      public String type() {
        return delegate.type();
      }

      @Override
      public List<NamedRef> containers(ConnectionConfig draft) {
        return delegate.containers(draft);
      }

      @Override
      public List<NamedRef> collections(ConnectionConfig draft, String containerId) {
        return delegate.collections(draft, containerId);
      }

      @Override
      public void verifyCredentials(ConnectionConfig draft) {
        delegate.verifyCredentials(draft);
      }

      @Override
      public SourceSession open(ConnectionConfig c) {
        SourceSession inner = delegate.open(c);
        return new SourceSession() {
          @Override
          public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
            return inner.parse(request);
          }

          @Override
          public PullPage pull(String pullKey, String cursor) {
            return inner.pull(pullKey, cursor);
          }

          @Override
          public Map<String, SourceRecord> resolve(List<PendingChange> changes) {
            return inner.resolve(changes);
          }

          @Override
          public RecordPage list(String cursor, int limit, Instant updatedSince) {
            return inner.list(cursor, limit, updatedSince);
          }

          @Override
          public SourceSchema schema() {
            return inner.schema();
          }

          @Override
          public Map<String, String> subscribe(String notificationUrl) {
            if (subscribeFailure != null) {
              throw subscribeFailure;
            }
            return inner.subscribe(notificationUrl);
          }

          @Override
          public void unsubscribe() {
            inner.unsubscribe();
          }

          @Override
          public Map<String, String> maintain() {
            return maintainAnswer != null ? maintainAnswer : inner.maintain();
          }

          @Override
          public List<ChangeEvent> catchUp(Instant now) {
            return inner.catchUp(now);
          }
        };
      }
    };
  }

  private List<ILoggingEvent> warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  private IngestRequest badlySigned() {
    byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    return IngestRequest.builder(body)
        .header("Webhook-Id", "msg_1")
        .header("Webhook-Timestamp", String.valueOf(clock.instant().getEpochSecond()))
        .header("Webhook-Signature", "v1,AAAA")
        .contentType("application/json")
        .build();
  }

  @Test
  void aStormOfRefusedDeliveriesLogsOneWarnThenASummaryButCountsEveryOne() {
    for (int i = 0; i < 360; i++) {
      assertThat(engine.ingest(EngineFixture.CONNECTION, badlySigned()))
          .isInstanceOf(IngestResult.Unauthorized.class);
      clock.advance(Duration.ofMillis(100)); // 36 s in all: one window
    }

    assertThat(warnings()).hasSize(1);
    String first = warnings().get(0).getFormattedMessage();
    assertThat(first)
        .contains("connection " + EngineFixture.CONNECTION)
        .contains("refused (signature_mismatch)");
    assertThat(listener.get("rejected things signature_mismatch")).isEqualTo(360);
    ConnectionProblems.Problem p = engine.problems(EngineFixture.CONNECTION).refusedDelivery();
    assertThat(p.code()).isEqualTo("signature_mismatch");
    assertThat(p.count()).isEqualTo(360);

    // The window closes: one summary line with the exact number swallowed.
    clock.advance(Problems.WINDOW);
    engine.ingest(EngineFixture.CONNECTION, badlySigned());
    assertThat(warnings()).hasSize(3);
    assertThat(warnings().get(1).getFormattedMessage())
        .contains("refused (signature_mismatch): 359 more in the last 60 s");
    assertThat(listener.get("rejected things signature_mismatch")).isEqualTo(361);
  }

  @Test
  void aSummaryIsWrittenWhenTheStormStopsToo() {
    Problems problems = new Problems(listener, clock);
    for (int i = 0; i < 5; i++) {
      problems.refused("things", f.connection, "webhook_token_mismatch", "webhook token mismatch");
    }
    problems.flush(); // the window is still open: nothing yet
    assertThat(warnings()).hasSize(1);

    clock.advance(Problems.WINDOW.plusSeconds(1));
    problems.flush(); // what the engine's scheduler does every 10 s once started

    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1).getFormattedMessage())
        .isEqualTo(
            "webhook delivery for connection things refused (webhook_token_mismatch):"
                + " 4 more in the last 60 s");
    assertThat(listener.get("rejected things webhook_token_mismatch")).isEqualTo(5);
  }

  @Test
  void anAcceptedDeliveryEndsTheRefusalAndUnknownConnectionsAreNotTaggedByTheirId() {
    engine.ingest(EngineFixture.CONNECTION, badlySigned());
    assertThat(engine.problems(EngineFixture.CONNECTION).refusedDelivery()).isNotNull();

    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "r1", "UPSERT", 1000, "One"));
    assertThat(engine.ingest(EngineFixture.CONNECTION, f.signed(events)))
        .isInstanceOf(IngestResult.Accepted.class);
    assertThat(engine.problems(EngineFixture.CONNECTION).refusedDelivery()).isNull();

    engine.ingest("no-such-connection", badlySigned());
    engine.ingest("another-one", badlySigned());
    assertThat(listener.get("rejected unknown unknown_connection")).isEqualTo(2);
    assertThat(listener.counts.keySet()).noneMatch(k -> k.contains("no-such-connection"));
  }

  @Test
  void aFailedRegistrationIsWarnedCountedKeptAndItsMessageHasNoToken() {
    subscribeFailure =
        new SyncException(
            SyncError.retryable(
                "smartsuite_unavailable",
                "CreateWebhook answered 502 for https://sync.example.com/sync/hooks/things/"
                    + TOKEN));

    // Rethrown for the caller, with the token scrubbed (an admin API shows the message).
    assertThatThrownBy(() -> engine.admin().registerWebhook(EngineFixture.CONNECTION))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("answered 502")
        .hasMessageNotContaining(TOKEN);

    assertThat(warnings()).hasSize(1);
    String line = warnings().get(0).getFormattedMessage();
    assertThat(line)
        .contains("webhook register for connection things failed (smartsuite_unavailable)")
        .contains("answered 502")
        .doesNotContain(TOKEN);
    assertThat(listener.get("registration things smartsuite_unavailable")).isEqualTo(1);
    ConnectionProblems.Problem p = engine.problems(EngineFixture.CONNECTION).registrationFailure();
    assertThat(p.code()).isEqualTo("smartsuite_unavailable");
    assertThat(p.message()).contains("***").doesNotContain(TOKEN);
    // Remembered in the webhook status too, which outlives this engine.
    assertThat(engine.webhookStatus(EngineFixture.CONNECTION).get("error")).doesNotContain(TOKEN);
    SyncEngine restarted =
        SyncEngine.builder()
            .stores(f.stores)
            .source(f.source)
            .sink(f.sink)
            .mappingCompiler(EngineFixture.COMPILER)
            .clock(clock)
            .build();
    assertThat(restarted.problems(EngineFixture.CONNECTION).registrationFailure().code())
        .isEqualTo("smartsuite_unavailable");

    // A later success clears it.
    subscribeFailure = null;
    engine.admin().registerWebhook(EngineFixture.CONNECTION);
    assertThat(engine.problems(EngineFixture.CONNECTION).registrationFailure()).isNull();
  }

  @Test
  void scrubRemovesEveryCredentialIncludingEachSigningSecretOfAList() {
    var c =
        f.connection.toBuilder()
            .credentials(
                Credentials.of(
                    Map.of(
                        Credentials.SIGNING_SECRETS,
                        "whsec_first-secret,whsec_second-secret",
                        "smartsuite.apiKey",
                        "ss-api-key-123456")))
            .build();
    assertThat(
            Problems.scrub("tried whsec_second-secret then ss-api-key-123456 at /hooks/x/abc", c))
        .isEqualTo("tried *** then *** at /hooks/x/abc");
    assertThat(Problems.code("Timestamp too old!")).isEqualTo("timestamp_too_old");
    assertThat(Problems.code("x".repeat(100))).hasSize(48);
  }

  @Test
  void keepaliveFailuresAreReportedOnceEach() {
    f.stores
        .connections()
        .save(
            f.stores.connections().find(EngineFixture.CONNECTION).orElseThrow().toBuilder()
                .ingestionMode(dev.syncengine.core.model.IngestionMode.NATIVE_WEBHOOK)
                .build());
    // The source says the webhook is gone: upkeep registers it again, which fails.
    maintainAnswer = Map.of("status", "missing");
    subscribeFailure = new SyncException(SyncError.retryable("smartsuite_unavailable", "HTTP 503"));

    engine.maintainNow();

    assertThat(listener.get("registration things smartsuite_unavailable")).isEqualTo(1);
    assertThat(warnings()).singleElement().asString().contains("webhook register");

    // Healthy again: the problem is over.
    maintainAnswer = Map.of("status", "enabled");
    engine.maintainNow();
    assertThat(engine.problems(EngineFixture.CONNECTION).registrationFailure()).isNull();
  }

  @Test
  void deadLettersAndUpstreamErrorsAreWarnedWithJobAndRecordAndCounted() {
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "bad", "UPSERT", 1000, "Bad"));
    events.add(EngineFixture.event("e2", "flaky", "UPSERT", 1000, "Flaky"));
    engine.ingest(EngineFixture.CONNECTION, f.signed(events));
    f.sink.failPermanently = op -> op.recordId().equals("bad");
    f.sink.failRetryably = op -> op.recordId().equals("flaky");

    // One batch: the fixture's retry backoff is 10 ms, so a second batch on a slow machine could
    // attempt "flaky" again and count its error twice.
    engine.runOnce(1);

    long badJob = f.stores.jobs().findByRecord(EngineFixture.CONNECTION, "bad").get().id();
    assertThat(warnings())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("job " + badJob + " record bad of connection things")
                    .contains("dead letter")
                    .contains("validation_error"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("upstream error for connection things during write (internal_error)")
                    .contains("record flaky"));
    assertThat(listener.get("dead things validation_error")).isEqualTo(1);
    assertThat(listener.get("upstream things write internal_error")).isEqualTo(1);
    ConnectionProblems problems = engine.problems(EngineFixture.CONNECTION);
    assertThat(problems.deadLetter().jobId()).isEqualTo(badJob);
    assertThat(problems.deadLetter().recordId()).isEqualTo("bad");
    assertThat(problems.upstreamError().code()).isEqualTo("internal_error");
    assertThat(problems.upstreamError().operation()).isEqualTo("write");

    // The target answers again: the upstream error is over.
    f.sink.failRetryably = op -> false;
    clock.advance(Duration.ofMinutes(5));
    engine.runOnce();
    assertThat(engine.problems(EngineFixture.CONNECTION).upstreamError()).isNull();
  }
}
