package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAndTriggerTest {
  Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void livenessAnswers200() throws Exception {
    HttpResponse<String> r = f.send("GET", "/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Fixture.json(r).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void readinessReportsQueueLagAndEachConnectionsStateAndLastError() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e1", "r1", 1000, "reject")));
    f.engine.runOnce();
    f.deliver(Fixture.delivery(Fixture.event("e2", "r2", 1000, "Chair")));

    HttpResponse<String> r = f.send("GET", "/health/ready", null);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Fixture.json(r);
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.at("/checks/store/status").asText()).isEqualTo("UP");
    assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("UP");
    assertThat(body.at("/queue/pending").asLong()).isEqualTo(1);
    assertThat(body.at("/queue/dead").asLong()).isEqualTo(1);
    assertThat(body.at("/queue/lagSeconds").isNumber()).isTrue();
    assertThat(body.at("/connections/0/id").asText()).isEqualTo("products");
    assertThat(body.at("/connections/0/state").asText()).isEqualTo("active");
    assertThat(body.at("/connections/0/lastError/code").asText()).isEqualTo("validation_error");
  }

  @Test
  void readinessAnswers503WhenTheStoreIsDown() throws Exception {
    f.jobs.down = true;
    HttpResponse<String> r = f.send("GET", "/health/ready", null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(Fixture.json(r).at("/checks/store/status").asText()).isEqualTo("DOWN");
  }

  @Test
  void readinessAnswers503WhenAnExtraCheckFailsWithoutItsMessage() throws Exception {
    f.readinessOk = false;
    HttpResponse<String> r = f.send("GET", "/health/ready", null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(Fixture.json(r).at("/checks/migrations/status").asText()).isEqualTo("DOWN");
    assertThat(r.body()).doesNotContain("V7");
  }

  @Test
  void healthAnswers404ForUnknownPathsAnd405ForPost() throws Exception {
    assertThat(f.send("GET", "/health/other", null).statusCode()).isEqualTo(404);
    assertThat(f.send("POST", "/health", "").statusCode()).isEqualTo(405);
  }

  @Test
  void triggerRunsOneWorkerPassWithTheRightBearerSecret() throws Exception {
    f.deliver(Fixture.delivery(Fixture.event("e1", "r1", 1000, "Chair")));
    HttpResponse<String> r =
        f.send("POST", "/jobs/run", "", "Authorization", "Bearer " + Fixture.TRIGGER_SECRET);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Fixture.json(r);
    assertThat(body.get("claimed").asInt()).isEqualTo(1);
    assertThat(body.get("written").asInt()).isEqualTo(1);
    assertThat(body.has("durationMs")).isTrue();
    assertThat(f.sink.items).hasSize(1);
  }

  @Test
  void triggerAnswers401WithoutOrWithAWrongSecret() throws Exception {
    assertThat(f.send("POST", "/jobs/run", "").statusCode()).isEqualTo(401);
    assertThat(f.send("POST", "/jobs/run", "", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(
            f.send("POST", "/jobs/run", "", "Authorization", "Basic " + Fixture.TRIGGER_SECRET)
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> r =
        f.send("POST", "/jobs/run", "", "Authorization", "Bearer " + Fixture.TRIGGER_SECRET + "x");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void triggerAnswers405ForGetAnd400ForABadBatchCount() throws Exception {
    assertThat(f.send("GET", "/jobs/run", null).statusCode()).isEqualTo(405);
    assertThat(
            f.send(
                    "POST",
                    "/jobs/run?maxBatches=0",
                    "",
                    "Authorization",
                    "Bearer " + Fixture.TRIGGER_SECRET)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void triggerAnswers503WhenTheStoreIsDown() throws Exception {
    f.jobs.down = true;
    HttpResponse<String> r =
        f.send("POST", "/jobs/run", "", "Authorization", "Bearer " + Fixture.TRIGGER_SECRET);
    assertThat(r.statusCode()).isEqualTo(503);
  }
}
