package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.signing.LegacySignature;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestTest {
  private TestClock clock;
  private EngineFixture f;
  private SyncEngine engine;

  @BeforeEach
  void setUp() {
    clock = TestClock.at(Instant.parse("2026-05-01T12:00:00Z"));
    f = new EngineFixture(clock);
    engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(30)), "w");
  }

  private ArrayNode oneEvent() {
    ArrayNode a = FakeSource.JSON.createArrayNode();
    a.add(EngineFixture.event("evt-1", "rec1", "UPSERT", 1000, "A"));
    return a;
  }

  private void assertNothingStored() {
    assertThat(f.stores.jobs().counts(null).values()).allMatch(n -> n == 0);
  }

  @Test
  void acceptsASignedDeliveryAndStoresItBeforeAnswering() {
    IngestResult r = engine.ingest(EngineFixture.CONNECTION, f.signed(oneEvent()));

    assertThat(r).isInstanceOf(IngestResult.Accepted.class);
    IngestResult.AcceptedEvent e = ((IngestResult.Accepted) r).events().get(0);
    assertThat(e.eventId()).isEqualTo("evt-1");
    assertThat(e.duplicate()).isFalse();
    assertThat(f.stores.jobs().find(e.jobId()).orElseThrow().state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void answersADuplicateDeliveryWithTheOriginalJob() {
    IngestResult.Accepted first =
        (IngestResult.Accepted) engine.ingest(EngineFixture.CONNECTION, f.signed(oneEvent()));
    IngestResult.Accepted again =
        (IngestResult.Accepted) engine.ingest(EngineFixture.CONNECTION, f.signed(oneEvent()));

    assertThat(again.allDuplicates()).isTrue();
    assertThat(again.events().get(0).jobId()).isEqualTo(first.events().get(0).jobId());
    assertThat(f.stores.jobs().counts(null).get(JobState.PENDING)).isEqualTo(1);
  }

  @Test
  void unknownConnectionIsNotFoundAndStoresNothing() {
    IngestResult r = engine.ingest("nope", f.signed(oneEvent()));
    assertThat(r).isEqualTo(new IngestResult.NotFound("nope"));
    assertNothingStored();
  }

  @Test
  void badSignatureIsUnauthorizedAndStoresNothing() {
    IngestRequest good = f.signed(oneEvent());
    byte[] tampered = good.body();
    tampered[tampered.length - 3] ^= 1;
    IngestRequest.Builder b = IngestRequest.builder(tampered);
    good.headers().forEach((k, v) -> v.forEach(x -> b.header(k, x)));

    IngestResult r = engine.ingest(EngineFixture.CONNECTION, b.build());

    assertThat(r).isInstanceOf(IngestResult.Unauthorized.class);
    assertThat(((IngestResult.Unauthorized) r).reason()).contains("mismatch");
    assertNothingStored();
  }

  @Test
  void missingSignatureIsUnauthorized() {
    IngestRequest r = IngestRequest.builder("{\"events\":[]}".getBytes()).build();
    assertThat(engine.ingest(EngineFixture.CONNECTION, r))
        .isInstanceOf(IngestResult.Unauthorized.class);
    assertNothingStored();
  }

  @Test
  void staleTimestampIsUnauthorizedAndStoresNothing() {
    byte[] body = ("{\"events\":" + oneEvent() + "}").getBytes(StandardCharsets.UTF_8);
    long sixMinutesAgo = clock.instant().minusSeconds(360).getEpochSecond();

    IngestResult r = engine.ingest(EngineFixture.CONNECTION, f.signed(body, sixMinutesAgo));

    assertThat(r).isInstanceOf(IngestResult.Unauthorized.class);
    assertThat(((IngestResult.Unauthorized) r).reason()).contains("too old");
    assertNothingStored();
  }

  @Test
  void malformedBodyIsRejectedWithTheFieldAndStoresNothing() {
    IngestResult notJson =
        engine.ingest(
            EngineFixture.CONNECTION,
            f.signed("{not json".getBytes(), clock.instant().getEpochSecond()));
    IngestResult wrongShape =
        engine.ingest(
            EngineFixture.CONNECTION,
            f.signed("{\"events\":{}}".getBytes(), clock.instant().getEpochSecond()));

    assertThat(notJson).isInstanceOf(IngestResult.Rejected.class);
    assertThat(wrongShape)
        .isEqualTo(new IngestResult.Rejected("events must be an array", "events"));
    assertNothingStored();
  }

  @Test
  void legacySignedDeliveryIsAcceptedWithItsIdempotencyKey() {
    byte[] body = ("{\"events\":" + oneEvent() + "}").getBytes(StandardCharsets.UTF_8);
    LegacySignature legacy =
        new LegacySignature(List.of(EngineFixture.SECRET), Duration.ofMinutes(5), clock);
    IngestRequest r =
        IngestRequest.builder(body)
            .headers(
                Map.of(
                    "X-SmartSuite-Timestamp", String.valueOf(clock.millis()),
                    "X-SmartSuite-Signature", legacy.sign(body),
                    "X-Idempotency-Key", "key-1"))
            .build();

    assertThat(engine.ingest(EngineFixture.CONNECTION, r))
        .isInstanceOf(IngestResult.Accepted.class);
  }

  @Test
  void storageOutageAnswersUnavailableAndAcknowledgesNothing() {
    java.util.concurrent.atomic.AtomicBoolean outage =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    dev.syncengine.core.spi.JobStore real = f.stores.jobs();
    dev.syncengine.core.spi.JobStore flaky =
        (dev.syncengine.core.spi.JobStore)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.syncengine.core.spi.JobStore.class},
                (proxy, method, args) -> {
                  if (outage.get()) {
                    throw new StoreUnavailableException("connection refused", null);
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Stores stores =
        new Stores(
            flaky,
            f.stores.connections(),
            f.stores.idMap(),
            f.stores.cursors(),
            f.stores.eventLog());
    SyncEngine e =
        SyncEngine.builder()
            .stores(stores)
            .source(f.source)
            .sink(f.sink)
            .mappingCompiler(EngineFixture.COMPILER)
            .clock(clock)
            .build();

    IngestResult during = e.ingest(EngineFixture.CONNECTION, f.signed(oneEvent()));
    assertThat(during).isInstanceOf(IngestResult.Unavailable.class);
    assertNothingStored();

    outage.set(false);
    assertThat(e.ingest(EngineFixture.CONNECTION, f.signed(oneEvent())))
        .isInstanceOf(IngestResult.Accepted.class);
  }
}
