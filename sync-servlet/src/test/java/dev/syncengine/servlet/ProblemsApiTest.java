package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Over real HTTP: refused webhook deliveries and a failed webhook registration are logged at WARN
 * (once, not per delivery), and the admin API's connection view shows them under {@code problems}
 * without any secret.
 */
class ProblemsApiTest {
  private Fixture f;
  private ListAppender<ILoggingEvent> logs;
  private Logger root;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture();
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    root.detachAppender(logs);
    f.close();
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void refusedDeliveriesAreOneWarnAndShowOnTheConnectionWithTheirCount() throws Exception {
    Fixture.Admin a = f.login();
    JsonNode before = Fixture.json(f.admin(a, "GET", "/connections/" + Fixture.CONNECTION, null));
    assertThat(before.at("/problems/warning").asBoolean()).isFalse();
    assertThat(before.at("/problems/refusedDelivery").isNull()).isTrue();

    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r =
          f.sendBytes(
              "/hooks/" + Fixture.CONNECTION + "/not-the-token", body, f.signedHeaders(body));
      assertThat(r.statusCode()).isEqualTo(401);
    }

    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("webhook delivery for connection products refused (token_mismatch)");
    JsonNode view = Fixture.json(f.admin(a, "GET", "/connections/" + Fixture.CONNECTION, null));
    assertThat(view.at("/problems/warning").asBoolean()).isTrue();
    assertThat(view.at("/problems/refusedDelivery/code").asText()).isEqualTo("token_mismatch");
    assertThat(view.at("/problems/refusedDelivery/count").asLong()).isEqualTo(12);
    assertThat(view.at("/problems/refusedDelivery/lastAt").asText()).isNotBlank();
    // The list shows the same.
    JsonNode list = Fixture.json(f.admin(a, "GET", "/connections", null));
    assertThat(list.at("/connections/0/problems/refusedDelivery/count").asLong()).isEqualTo(12);

    // A good delivery ends it.
    assertThat(f.deliver(body).statusCode()).isEqualTo(202);
    view = Fixture.json(f.admin(a, "GET", "/connections/" + Fixture.CONNECTION, null));
    assertThat(view.at("/problems/refusedDelivery").isNull()).isTrue();
  }

  @Test
  void aFailedRegistrationIsWarnedAndShownWithoutTheWebhookToken() throws Exception {
    Fixture.Admin a = f.login();
    f.source.subscribeFailure =
        new SyncException(
            SyncError.retryable(
                "smartsuite_unavailable",
                "CreateWebhook answered 502 for url .../hooks/products/" + Fixture.WEBHOOK_TOKEN));

    HttpResponse<String> r =
        f.admin(a, "POST", "/connections/" + Fixture.CONNECTION + "/webhook/register", null);

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("502").doesNotContain(Fixture.WEBHOOK_TOKEN);
    assertThat(warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(
                        "webhook register for connection products failed"
                            + " (smartsuite_unavailable)"));
    JsonNode view = Fixture.json(f.admin(a, "GET", "/connections/" + Fixture.CONNECTION, null));
    assertThat(view.at("/problems/warning").asBoolean()).isTrue();
    assertThat(view.at("/problems/registrationFailure/code").asText())
        .isEqualTo("smartsuite_unavailable");
    assertThat(view.at("/problems/registrationFailure/operation").asText()).isEqualTo("register");
    assertThat(view.at("/problems/registrationFailure/message").asText()).contains("502");
    assertThat(view.toString()).doesNotContain(Fixture.WEBHOOK_TOKEN);
    assertThat(warnings()).noneMatch(w -> w.contains(Fixture.WEBHOOK_TOKEN));

    // Registering again once SmartSuite answers clears it.
    f.source.subscribeFailure = null;
    assertThat(
            f.admin(a, "POST", "/connections/" + Fixture.CONNECTION + "/webhook/register", null)
                .statusCode())
        .isEqualTo(200);
    view = Fixture.json(f.admin(a, "GET", "/connections/" + Fixture.CONNECTION, null));
    assertThat(view.at("/problems/registrationFailure").isNull()).isTrue();
  }
}
