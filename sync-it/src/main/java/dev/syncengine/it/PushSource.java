package dev.syncengine.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.IngressException;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source whose webhooks carry whole records, so the scenarios need no source API: {@code POST
 * /hooks/{connection}/{token}} with {@code {"events": [{"id": "e1", "record": "r1", "kind":
 * "UPSERT", "version": 1700000000000, "data": {"title": "...", "price": 5, "rev": 1}}]}}. The URL
 * token must equal the connection's {@link Credentials#WEBHOOK_TOKEN}. Stateless and thread-safe.
 */
public final class PushSource implements SourceAdapter {
  public static final String TYPE = "push";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EVENTS = 500;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceSession open(ConnectionConfig c) {
    return new Session(c);
  }

  /** One connection's session: holds only its config. */
  private static final class Session implements SourceSession {
    private final ConnectionConfig c;

    Session(ConnectionConfig c) {
      this.c = c;
    }

    @Override
    public List<ChangeEvent> parse(IngestRequest request) throws IngressException {
      return PushSource.parse(c, request);
    }

    @Override
    public PullPage pull(String pullKey, String cursor) {
      return new PullPage(List.of(), cursor, false);
    }

    @Override
    public Map<String, SourceRecord> resolve(List<PendingChange> changes) {
      Map<String, SourceRecord> out = new HashMap<>();
      for (PendingChange p : changes) {
        if (p.payload() instanceof ObjectNode data) {
          out.put(p.recordId(), new SourceRecord(p.recordId(), p.version(), data));
        }
      }
      return out;
    }

    @Override
    public RecordPage list(String cursor, int limit, Instant updatedSince) {
      return new RecordPage(List.of(), null, 0);
    }

    @Override
    public SourceSchema schema() {
      return new SourceSchema(
          c.source().id(),
          "Products",
          "title",
          List.of(
              new SourceField("title", "Title", "textfield", SourceKind.TEXT, null),
              new SourceField("price", "Price", "numberfield", SourceKind.NUMBER, null),
              new SourceField("rev", "Revision", "numberfield", SourceKind.NUMBER, null)));
    }
  }

  private static List<ChangeEvent> parse(ConnectionConfig c, IngestRequest request)
      throws IngressException {
    byte[] expected =
        c.credentials().get(Credentials.WEBHOOK_TOKEN).orElse("").getBytes(StandardCharsets.UTF_8);
    byte[] given =
        (request.pathToken() == null ? "" : request.pathToken()).getBytes(StandardCharsets.UTF_8);
    if (expected.length == 0 || !MessageDigest.isEqual(expected, given)) {
      throw IngressException.unauthorized("token mismatch");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw IngressException.malformed("body is not JSON", null);
    }
    if (body == null || !body.path("events").isArray() || body.get("events").isEmpty()) {
      throw IngressException.malformed("events must be a non-empty array", "events");
    }
    if (body.get("events").size() > MAX_EVENTS) {
      throw IngressException.malformed("at most " + MAX_EVENTS + " events", "events");
    }
    List<ChangeEvent> out = new ArrayList<>();
    for (JsonNode e : body.get("events")) {
      out.add(event(c, e));
    }
    return out;
  }

  private static ChangeEvent event(ConnectionConfig c, JsonNode e) throws IngressException {
    JsonNode record = e.path("record");
    JsonNode version = e.path("version");
    if (!record.isTextual() || record.asText().isBlank() || record.asText().length() > 100) {
      throw IngressException.malformed("record must be a non-blank id", "events.record");
    }
    if (!version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 0) {
      throw IngressException.malformed("version must be epoch milliseconds", "events.version");
    }
    ChangeKind kind;
    switch (e.path("kind").asText("UPSERT")) {
      case "UPSERT" -> kind = ChangeKind.UPSERT;
      case "DELETE" -> kind = ChangeKind.DELETE;
      default -> throw IngressException.malformed("kind must be UPSERT or DELETE", "events.kind");
    }
    JsonNode data = e.get("data");
    if (kind == ChangeKind.UPSERT && (data == null || !data.isObject())) {
      throw IngressException.malformed("an upsert carries a data object", "events.data");
    }
    JsonNode id = e.get("id");
    if (id != null && !id.isTextual()) {
      throw IngressException.malformed("id must be text", "events.id");
    }
    return new ChangeEvent(
        c.id(),
        record.asText(),
        kind,
        Instant.ofEpochMilli(version.asLong()),
        kind == ChangeKind.UPSERT ? data : null,
        id == null ? null : id.asText(),
        Instant.now());
  }
}
