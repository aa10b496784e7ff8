package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
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

/** The engine keeps one adapter session per connection and config, and closes it when it ends. */
class SessionLifecycleTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final EngineFixture f = new EngineFixture(clock);
  private final Opening source = new Opening(f.source);
  private final SyncEngine engine =
      SyncEngine.builder()
          .stores(f.stores)
          .source(source)
          .sink(f.sink)
          .mappingCompiler(EngineFixture.COMPILER)
          .clock(clock)
          .workers(EngineFixture.workers(1, Duration.ofSeconds(30)))
          .configCacheTtl(Duration.ofHours(1))
          .build();
  private final ControlPlane admin = engine.admin();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void oneSessionPerConnectionIsReusedAcrossCalls() {
    engine.ingest(EngineFixture.CONNECTION, f.signed(FakeSource.JSON.createArrayNode()));
    admin.checkWebhook(EngineFixture.CONNECTION);
    engine.ingest(EngineFixture.CONNECTION, f.signed(FakeSource.JSON.createArrayNode()));
    admin.checkWebhook(EngineFixture.CONNECTION);

    assertThat(source.opened).hasSize(1);
    assertThat(source.opened.get(0).config).isEqualTo(f.connection);
    assertThat(source.opened.get(0).closed).isZero();
  }

  @Test
  void aConfigChangeClosesTheSessionAndTheNextCallOpensOneForTheNewConfig() {
    admin.checkWebhook(EngineFixture.CONNECTION);
    ConnectionConfig changed = f.connection.toBuilder().option("k", "v").build();

    admin.update(changed);
    assertThat(source.opened.get(0).closed).isEqualTo(1);
    admin.checkWebhook(EngineFixture.CONNECTION);
    admin.checkWebhook(EngineFixture.CONNECTION);

    assertThat(source.opened).hasSize(2);
    assertThat(source.opened.get(1).config).isEqualTo(changed);
    assertThat(source.opened.get(1).closed).isZero();
  }

  @Test
  void pauseAndDeleteCloseTheSession() {
    admin.checkWebhook(EngineFixture.CONNECTION);
    admin.pause(EngineFixture.CONNECTION);
    assertThat(source.opened.get(0).closed).isEqualTo(1);

    admin.delete(EngineFixture.CONNECTION); // unsubscribes through a fresh session, then drops it
    assertThat(source.opened).hasSize(2);
    assertThat(source.opened.get(1).config.paused()).isTrue();
    assertThat(source.opened.get(1).closed).isEqualTo(1);
  }

  @Test
  void stoppingTheEngineClosesEverySession() {
    admin.checkWebhook(EngineFixture.CONNECTION);
    engine.stop();
    assertThat(source.opened.get(0).closed).isEqualTo(1);

    admin.checkWebhook(EngineFixture.CONNECTION); // a later call opens a new one
    assertThat(source.opened).hasSize(2);
  }

  /** A source whose sessions count how often they are closed; calls go to a {@link FakeSource}. */
  private static final class Opening implements SourceAdapter {
    final List<Counted> opened = new CopyOnWriteArrayList<>();
    private final FakeSource fake;

    Opening(FakeSource fake) {
      this.fake = fake;
    }

    @Override
    public String type() {
      return fake.type();
    }

    @Override
    public SourceSession open(ConnectionConfig connection) {
      Counted s = new Counted(fake, connection);
      opened.add(s);
      return s;
    }
  }

  private static final class Counted implements SourceSession {
    final ConnectionConfig config;
    final SourceSession inner;
    volatile int closed;

    Counted(FakeSource fake, ConnectionConfig config) {
      this.config = config;
      this.inner = fake.open(config);
    }

    @Override
    public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
      return inner.parse(request);
    }

    @Override
    public SourceAdapter.PullPage pull(String pullKey, String cursor) {
      return inner.pull(pullKey, cursor);
    }

    @Override
    public Map<String, SourceRecord> resolve(List<SourceAdapter.PendingChange> changes) {
      return inner.resolve(changes);
    }

    @Override
    public SourceAdapter.RecordPage list(String cursor, int limit, Instant updatedSince) {
      return inner.list(cursor, limit, updatedSince);
    }

    @Override
    public SourceSchema schema() {
      return inner.schema();
    }

    @Override
    public Map<String, String> maintain() {
      return inner.maintain();
    }

    @Override
    public List<ChangeEvent> catchUp(Instant now) {
      return inner.catchUp(now);
    }

    @Override
    public void close() {
      closed++;
    }
  }
}
