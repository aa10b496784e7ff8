package dev.syncengine.webflow;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.time.Duration;
import java.util.List;

/**
 * A {@link WebflowSink} under test, each call made through a session of the connection it names (as
 * the engine calls it), so a test can say which connection writes without holding sessions.
 */
final class SinkUnderTest {
  final WebflowSink sink;

  SinkUnderTest(WebflowSink sink) {
    this.sink = sink;
  }

  List<WriteResult> write(ConnectionConfig c, List<? extends WriteOp> ops) {
    return write(c, ops, CreateIntents.NONE);
  }

  List<WriteResult> write(ConnectionConfig c, List<? extends WriteOp> ops, CreateIntents intents) {
    try (SinkSession s = sink.open(c)) {
      return s.write(List.copyOf(ops), intents);
    }
  }

  TargetSchema schema(ConnectionConfig c) {
    try (SinkSession s = sink.open(c)) {
      return s.schema();
    }
  }

  Duration untilNextWrite(ConnectionConfig c) {
    try (SinkSession s = sink.open(c)) {
      return s.untilNextWrite();
    }
  }

  String type() {
    return sink.type();
  }

  List<NamedRef> containers(ConnectionConfig draft) {
    return sink.containers(draft);
  }

  List<NamedRef> collections(ConnectionConfig draft, String siteId) {
    return sink.collections(draft, siteId);
  }

  void verifyCredentials(ConnectionConfig draft) {
    sink.verifyCredentials(draft);
  }
}
