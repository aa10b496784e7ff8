package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code health} block of connection views, which the dashboard's connection list shows. */
class ConnectionHealthTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  Fixture f;
  Fixture.Admin a;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    a = f.login();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private JsonNode health(String path) throws Exception {
    HttpResponse<String> r = f.admin(a, "GET", path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = Fixture.json(r);
    return body.has("connections") ? body.at("/connections/0/health") : body.get("health");
  }

  private void log(LogStatus status, int secondsAfterT0, String code) {
    f.stores
        .eventLog()
        .append(
            List.of(
                new LogEntry(
                    0,
                    Fixture.CONNECTION,
                    1,
                    "rec1",
                    null,
                    "upsert",
                    status,
                    1,
                    code,
                    code == null ? null : code + " happened",
                    5,
                    10,
                    T0.plusSeconds(secondsAfterT0),
                    null)));
  }

  @Test
  void aConnectionThatNeverRanHasNoSuccessAndNoErrors() throws Exception {
    JsonNode h = health("/connections/" + Fixture.CONNECTION);
    assertThat(h.get("lastSuccessAt").isNull()).isTrue();
    assertThat(h.get("lastError").isNull()).isTrue();
    assertThat(h.get("consecutiveErrors").asLong()).isZero();
  }

  @Test
  void countsFailuresSinceTheLastSuccessAndNamesTheNewestError() throws Exception {
    log(LogStatus.RETRY, 0, "old_error");
    log(LogStatus.SUCCESS, 10, null);
    log(LogStatus.RETRY, 20, "rate_limited");
    log(LogStatus.DEAD, 30, "validation_error");

    JsonNode h = health("/connections/" + Fixture.CONNECTION);
    assertThat(h.get("lastSuccessAt").asText()).isEqualTo(T0.plusSeconds(10).toString());
    assertThat(h.get("lastErrorAt").asText()).isEqualTo(T0.plusSeconds(30).toString());
    assertThat(h.at("/lastError/code").asText()).isEqualTo("validation_error");
    assertThat(h.get("consecutiveErrors").asLong()).isEqualTo(2);
    assertThat(health("/connections").get("consecutiveErrors").asLong()).isEqualTo(2);

    log(LogStatus.SKIPPED, 40, null);
    assertThat(health("/connections/" + Fixture.CONNECTION).get("consecutiveErrors").asLong())
        .isZero();
  }
}
