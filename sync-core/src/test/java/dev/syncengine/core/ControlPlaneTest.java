package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link SyncEngine#admin()} does, step by step, over the in-memory stores. */
class ControlPlaneTest {
  private static final String ID = EngineFixture.CONNECTION;

  /**
   * Writes the document's {@code label} as the item name, so a write shows which mapping version
   * made it; a document with {@code "bad": true} does not compile.
   */
  private static final MappingCompiler LABELS =
      (version, source, target) -> {
        if (version.spec().path("bad").asBoolean()) {
          throw new MappingValidationException(
              List.of(new MappingValidationException.Problem("name", null, "bad document", true)));
        }
        String label = version.spec().path("label").asText("none");
        return (record, context) -> {
          ObjectNode fd = record.values().deepCopy();
          fd.put("name", label);
          fd.put("slug", "r-" + record.id());
          return new MappedItem(fd, ItemAction.DEFAULT, List.of());
        };
      };

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final EngineFixture f = new EngineFixture(clock);
  private final RecordingSource source = new RecordingSource(f.source);
  // Caches far longer than a test: only the control plane's invalidation can refresh them.
  private final SyncEngine engine =
      SyncEngine.builder()
          .stores(f.stores)
          .source(source)
          .sink(f.sink)
          .mappingCompiler(LABELS)
          .clock(clock)
          .workers(EngineFixture.workers(1, Duration.ofSeconds(30)))
          .configCacheTtl(Duration.ofHours(1))
          .schemaCacheTtl(Duration.ofHours(1))
          .build();
  private final ControlPlane admin = engine.admin();
  private final Inspector inspect = engine.inspect();

  @AfterEach
  void close() {
    engine.close();
  }

  private long change(String record, long version) {
    ObjectNode data = FakeSource.JSON.createObjectNode().put("name", record).put("v", version);
    f.source.records.put(record, data);
    Instant at = Instant.ofEpochMilli(version);
    ChangeEvent e = new ChangeEvent(ID, record, ChangeKind.UPSERT, at, data, null, clock.instant());
    return engine.enqueue(List.of(e)).get(0).jobId();
  }

  private String writtenName(String record) {
    String itemId = inspect.item(ID, record).orElseThrow().itemId();
    return f.sink.items.get(itemId).path("name").asText();
  }

  private JsonNode spec(String json) throws Exception {
    return FakeSource.JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void deleteCancelsUnsubscribesAndRemovesTheConnectionWithItsQueue() {
    change("r1", 1);
    change("r2", 2);
    assertThat(inspect.jobs(ID, null, 0, 10)).hasSize(2);

    assertThat(admin.delete(ID)).isTrue();

    assertThat(source.unsubscribed).containsExactly(ID);
    assertThat(inspect.connection(ID)).isEmpty();
    assertThat(inspect.jobs(ID, null, 0, 10)).isEmpty();
    assertThat(inspect.jobCounts(ID).values()).allMatch(n -> n == 0);
    // The cached config is forgotten too: a delivery for it is refused at once.
    assertThat(engine.ingest(ID, f.signed(FakeSource.JSON.createArrayNode())))
        .isInstanceOf(IngestResult.NotFound.class);
    assertThat(admin.delete(ID)).isFalse();
  }

  @Test
  void deleteGoesOnWhenTheSourceWebhookCannotBeRemoved() {
    source.unsubscribeFailure = new IllegalStateException("source down");
    change("r1", 1);

    assertThat(admin.delete(ID)).isTrue();

    assertThat(inspect.connection(ID)).isEmpty();
    assertThat(inspect.jobs(ID, null, 0, 10)).isEmpty();
  }

  @Test
  void aSavedMappingIsUsedByTheNextWrite() throws Exception {
    admin.saveMapping(ID, spec("{'label': 'first'}"));
    change("r1", 1);
    engine.runOnce();
    assertThat(writtenName("r1")).isEqualTo("first");

    ControlPlane.SavedMapping saved = admin.saveMapping(ID, spec("{'label': 'second'}"));
    change("r1", 2);
    engine.runOnce();

    assertThat(saved.version().version()).isEqualTo(inspect.mapping(ID).orElseThrow().version());
    assertThat(saved.warnings()).isEmpty();
    assertThat(writtenName("r1")).isEqualTo("second");
  }

  @Test
  void aMappingWithErrorsIsRefusedAndNothingIsStored() throws Exception {
    int before = inspect.mapping(ID).orElseThrow().version();

    assertThatThrownBy(() -> admin.saveMapping(ID, spec("{'bad': true}")))
        .isInstanceOfSatisfying(
            MappingValidationException.class,
            e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("name"));

    assertThat(inspect.mapping(ID).orElseThrow().version()).isEqualTo(before);
    assertThat(admin.validateMapping(ID, spec("{'bad': true}"))).hasSize(1);
    assertThat(admin.validateMapping(ID, spec("{'label': 'ok'}"))).isEmpty();
  }

  @Test
  void pauseTakesEffectAtOnceAndResumeWritesWhatWaited() throws Exception {
    admin.saveMapping(ID, spec("{'label': 'x'}"));
    engine.runOnce(); // the config is now cached for an hour

    assertThat(admin.pause(ID).paused()).isTrue();
    change("r1", 1);
    engine.runOnce();
    assertThat(f.sink.items).isEmpty();
    assertThat(inspect.connection(ID).orElseThrow().paused()).isTrue();

    assertThat(admin.resume(ID).paused()).isFalse();
    clock.advance(Duration.ofSeconds(31)); // a paused connection's jobs wait 30 s to be rechecked
    engine.runOnce();
    assertThat(writtenName("r1")).isEqualTo("x");
  }

  @Test
  void updateIsSeenByTheNextDeliveryDespiteTheConfigCache() {
    assertThat(engine.ingest(ID, f.signed(FakeSource.JSON.createArrayNode())))
        .isInstanceOf(IngestResult.Accepted.class);
    ConnectionConfig c = inspect.connection(ID).orElseThrow();
    // Another signing secret: the old signature no longer verifies.
    String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    admin.update(
        c.toBuilder()
            .credentials(
                c.credentials().with(dev.syncengine.core.model.Credentials.SIGNING_SECRETS, other))
            .build());

    assertThat(engine.ingest(ID, f.signed(FakeSource.JSON.createArrayNode())))
        .isInstanceOf(IngestResult.Unauthorized.class);
  }

  @Test
  void createRefusesADuplicateAndAnUnknownAdapterType() {
    ConnectionConfig c = inspect.connection(ID).orElseThrow();
    assertThatThrownBy(() -> admin.create(c)).isInstanceOf(IllegalStateException.class);

    ConnectionConfig unknown =
        ConnectionConfig.builder("other")
            .source(new ResourceRef("nope", null, "t"))
            .target(c.target())
            .build();
    assertThatThrownBy(() -> admin.create(unknown)).isInstanceOf(IllegalArgumentException.class);
    assertThat(inspect.connection("other")).isEmpty();

    admin.create(ConnectionConfig.builder("other").source(c.source()).target(c.target()).build());
    assertThat(inspect.connections()).extracting(ConnectionConfig::id).contains("other");
    assertThat(inspect.sourceTypes()).containsExactly("fake");
  }

  @Test
  void markDeadThenReplayRequeuesTheJob() {
    long job = change("r1", 1);

    assertThat(admin.markDead(job, "by hand")).isTrue();
    assertThat(inspect.job(job).orElseThrow().state()).isEqualTo(JobState.DEAD);

    assertThat(admin.replay(job)).isTrue();
    assertThat(inspect.job(job).orElseThrow().state()).isEqualTo(JobState.PENDING);
    assertThat(admin.replay(job)).isFalse(); // only dead jobs
  }

  @Test
  void resyncQueuesANewerChangeOfAKnownRecordAndRefusesAnUnknownOne() {
    change("r1", 5_000);
    engine.runOnce();

    long job = admin.resync(ID, "r1").orElseThrow();

    assertThat(inspect.job(job).orElseThrow().sourceVersion())
        .isAfter(inspect.item(ID, "r1").orElseThrow().sourceVersion());
    assertThat(admin.resync(ID, "never-seen")).isEmpty();
    assertThatThrownBy(() -> admin.resync("missing", "r1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentialChecksSayWhyNotWithoutThrowing() {
    ConnectionConfig c = inspect.connection(ID).orElseThrow();
    assertThat(admin.checkTargetCredentials(c)).isEqualTo(CredentialCheck.OK);

    source.verifyFailure = new MissingCredentialException("smartsuite.apiKey");
    CredentialCheck missing = admin.checkSourceCredentials(c);
    assertThat(missing.ok()).isFalse();
    assertThat(missing.code()).isEqualTo("not_configured");

    source.verifyFailure = new RuntimeException("boom");
    assertThat(admin.checkSourceCredentials(c))
        .isEqualTo(new CredentialCheck(false, "error", "the check failed: RuntimeException"));

    ConnectionConfig noAdapter = c.toBuilder().source(new ResourceRef("nope", null, "t")).build();
    assertThat(admin.checkSourceCredentials(noAdapter).code()).isEqualTo("not_configured");
  }

  @Test
  void backfillQueuesEverySourceRecord() throws Exception {
    change("r1", 1);
    change("r2", 2);
    engine.runOnce();

    admin.backfill(ID);
    admin.awaitBackfill(ID);

    assertThat(admin.backfillStatus(ID).orElseThrow().state()).isEqualTo(BackfillStatus.State.DONE);
    assertThat(admin.cancelBackfill(ID)).isFalse();
  }

  /** The fake source, recording webhook removal and failing credential checks on demand. */
  private static final class RecordingSource implements SourceAdapter {
    private final FakeSource delegate;
    final List<String> unsubscribed = new CopyOnWriteArrayList<>();
    volatile RuntimeException unsubscribeFailure;
    volatile RuntimeException verifyFailure;

    RecordingSource(FakeSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public String type() {
      return delegate.type();
    }

    /** The fake's session, but unsubscribe is recorded here (or fails on demand). */
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
        public void unsubscribe() {
          if (unsubscribeFailure != null) {
            throw unsubscribeFailure;
          }
          unsubscribed.add(c.id());
        }
      };
    }

    @Override
    public void verifyCredentials(ConnectionConfig c) {
      if (verifyFailure != null) {
        throw verifyFailure;
      }
    }
  }
}
