package dev.syncengine.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.signing.LegacySignature;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.IngressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedPushParseTest {
  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String LEGACY = "legacy-secret-value";
  private static final Instant NOW = Instant.parse("2024-05-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final SmartSuiteSource source = SmartSuiteSource.builder().clock(CLOCK).build();
  private final ConnectionConfig connection =
      ConnectionConfig.builder("push1")
          .source(new ResourceRef("smartsuite", "sol1", "tbl1"))
          .target(new ResourceRef("webflow", "site1", "col1"))
          .ingestionMode(IngestionMode.SIGNED_PUSH)
          .credentials(
              Credentials.of(
                  Map.of(Credentials.SIGNING_SECRETS, "old-rotated-out," + WHSEC + "," + LEGACY)))
          .build();

  private static byte[] body(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsAStandardWebhooksPushAsAnUpsertKeyedByTheWebhookId() throws Exception {
    byte[] body =
        body(
            "{\"event_type\":\"record_updated\",\"record_id\":\"r1\",\"data\":{\"id\":\"r1\",\"last_updated\":{\"on\":\"2024-05-02T09:59:58.120000Z\"}}}");
    long ts = NOW.getEpochSecond();
    String sig =
        new StandardWebhooks(List.of(WHSEC), Duration.ofMinutes(5), CLOCK).sign("msg_1", ts, body);
    IngestRequest req =
        IngestRequest.builder(body)
            .header("webhook-id", "msg_1")
            .header("webhook-timestamp", Long.toString(ts))
            .header("webhook-signature", sig)
            .build();

    ChangeEvent e = source.open(connection).parse(req).get(0);

    assertThat(e.kind()).isEqualTo(ChangeKind.UPSERT);
    assertThat(e.recordId()).isEqualTo("r1");
    assertThat(e.idempotencyKey()).isEqualTo("msg_1");
    assertThat(e.sourceVersion()).isEqualTo(Instant.parse("2024-05-02T09:59:58.120Z"));
    assertThat(e.payload().path("id").asText()).isEqualTo("r1");
  }

  @Test
  void acceptsALegacySignedDeleteAndRefusesATamperedBody() throws Exception {
    byte[] body = body("{\"event_type\":\"record_deleted\",\"record_id\":\"r9\"}");
    String sig = new LegacySignature(List.of(LEGACY), Duration.ofMinutes(5), CLOCK).sign(body);
    IngestRequest ok =
        IngestRequest.builder(body)
            .header("x-smartsuite-timestamp", Long.toString(NOW.getEpochSecond()))
            .header("x-smartsuite-signature", sig)
            .build();
    IngestRequest tampered =
        IngestRequest.builder(body("{\"event_type\":\"record_deleted\",\"record_id\":\"r8\"}"))
            .header("x-smartsuite-timestamp", Long.toString(NOW.getEpochSecond()))
            .header("x-smartsuite-signature", sig)
            .build();

    assertThat(source.open(connection).parse(ok))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(ChangeKind.DELETE);
              assertThat(e.recordId()).isEqualTo("r9");
            });
    assertThatThrownBy(() -> source.open(connection).parse(tampered))
        .isInstanceOfSatisfying(
            IngressException.class,
            e -> assertThat(e.kind()).isEqualTo(IngressException.Kind.UNAUTHORIZED));
  }

  @Test
  void rejectsAnUnknownEventTypeAsMalformedAfterVerifying() {
    byte[] body = body("{\"event_type\":\"record_exploded\",\"record_id\":\"r1\"}");
    String sig = new LegacySignature(List.of(LEGACY), Duration.ofMinutes(5), CLOCK).sign(body);
    IngestRequest req =
        IngestRequest.builder(body)
            .header("x-smartsuite-timestamp", Long.toString(NOW.getEpochSecond()))
            .header("x-smartsuite-signature", sig)
            .build();

    assertThatThrownBy(() -> source.open(connection).parse(req))
        .isInstanceOfSatisfying(
            IngressException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(IngressException.Kind.MALFORMED);
              assertThat(e.field()).isEqualTo("event_type");
            });
  }

  @Test
  void refusesAPushWithoutSignature() {
    IngestRequest req =
        IngestRequest.builder(body("{\"event_type\":\"record_created\",\"record_id\":\"r1\"}"))
            .build();
    assertThatThrownBy(() -> source.open(connection).parse(req))
        .isInstanceOfSatisfying(
            IngressException.class,
            e -> assertThat(e.kind()).isEqualTo(IngressException.Kind.UNAUTHORIZED));
  }
}
