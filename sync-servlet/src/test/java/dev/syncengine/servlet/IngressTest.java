package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngressTest {
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
  void acceptsASignedDeliveryWith202AndTheStoredEventIds() throws Exception {
    HttpResponse<String> r =
        f.deliver(Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair")));

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = Fixture.json(r);
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.at("/events/0/eventId").asText()).isEqualTo("evt-1");
    long jobId = body.at("/events/0/jobId").asLong();
    assertThat(f.stores.jobs().find(jobId)).get().extracting(j -> j.recordId()).isEqualTo("rec-1");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
  }

  @Test
  void acceptsADeliveryWithoutAPathToken() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    HttpResponse<String> r =
        f.sendBytes("/hooks/" + Fixture.CONNECTION, body, f.signedHeaders(body));
    assertThat(r.statusCode()).isEqualTo(202);
  }

  @Test
  void answersADuplicateDeliveryWith200AndTheOriginalId() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    HttpResponse<String> first = f.deliver(body);
    HttpResponse<String> again = f.deliver(body);

    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode a = Fixture.json(again);
    assertThat(a.at("/events/0/duplicate").asBoolean()).isTrue();
    assertThat(a.at("/events/0/eventId").asText()).isEqualTo("evt-1");
    assertThat(a.at("/events/0/jobId").asLong())
        .isEqualTo(Fixture.json(first).at("/events/0/jobId").asLong());
    assertThat(a.get("duplicates").asInt()).isEqualTo(1);
    assertThat(f.storedJobs()).isEqualTo(1);
  }

  @Test
  void answers404ForAnUnknownConnection() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    HttpResponse<String> r = f.sendBytes("/hooks/nope", body, f.signedHeaders(body));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void answers404ForAnInvalidConnectionIdOrExtraPathSegments() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    assertThat(f.sendBytes("/hooks/a.b", body, f.signedHeaders(body)).statusCode()).isEqualTo(404);
    assertThat(f.sendBytes("/hooks/products/t/extra", body, f.signedHeaders(body)).statusCode())
        .isEqualTo(404);
    assertThat(f.sendBytes("/hooks/", body, f.signedHeaders(body)).statusCode()).isEqualTo(404);
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void answers401WithNoDetailForABadSignature() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    String[] h = f.signedHeaders(body);
    h[7] = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    HttpResponse<String> r =
        f.sendBytes("/hooks/" + Fixture.CONNECTION + "/" + Fixture.WEBHOOK_TOKEN, body, h);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Fixture.json(r).at("/error/message").asText()).isEqualTo("unauthorized");
    assertThat(r.body()).doesNotContainIgnoringCase("signature").doesNotContain("mismatch");
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void answers401ForAMissingSignatureAStaleTimestampOrAWrongToken() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    HttpResponse<String> unsigned =
        f.sendBytes("/hooks/" + Fixture.CONNECTION, body, "Content-Type", "application/json");
    String[] stale = f.signedHeaders(body);
    long old = Long.parseLong(stale[5]) - 3600;
    stale =
        new String[] {
          "Content-Type",
          "application/json",
          "webhook-id",
          stale[3],
          "webhook-timestamp",
          String.valueOf(old),
          "webhook-signature",
          new dev.syncengine.core.signing.StandardWebhooks(
                  java.util.List.of(Fixture.SIGNING_SECRET),
                  java.time.Duration.ofMinutes(5),
                  f.clock)
              .sign(stale[3], old, body)
        };
    HttpResponse<String> staleR = f.sendBytes("/hooks/" + Fixture.CONNECTION, body, stale);
    HttpResponse<String> wrongToken =
        f.sendBytes("/hooks/" + Fixture.CONNECTION + "/not-the-token", body, f.signedHeaders(body));

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(staleR.statusCode()).isEqualTo(401);
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).isEqualTo(staleR.body()).isEqualTo(wrongToken.body());
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void answers400ForASignedBodyTheSourceCannotParse() throws Exception {
    byte[] body = "{\"events\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = f.deliver(body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = Fixture.json(r).get("error");
    assertThat(err.get("code").asText()).isEqualTo("malformed_body");
    assertThat(err.at("/details/0/field").asText()).isEqualTo("events");
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void answers413ForABodyOverTheLimit() throws Exception {
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    HttpResponse<String> r = f.sendBytes("/hooks/" + Fixture.CONNECTION, big, f.signedHeaders(big));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void answers415ForAWrongOrMissingContentType() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    String[] h = f.signedHeaders(body);
    h[1] = "text/plain";
    assertThat(f.sendBytes("/hooks/" + Fixture.CONNECTION, body, h).statusCode()).isEqualTo(415);
    h[1] = "application/json; charset=iso-8859-1";
    assertThat(f.sendBytes("/hooks/" + Fixture.CONNECTION, body, h).statusCode()).isEqualTo(415);
    String[] none = java.util.Arrays.copyOfRange(h, 2, h.length);
    assertThat(f.sendBytes("/hooks/" + Fixture.CONNECTION, body, none).statusCode()).isEqualTo(415);
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void acceptsJsonWithAUtf8CharsetOrAVendorJsonType() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    String[] h = f.signedHeaders(body);
    h[1] = "application/json; charset=UTF-8";
    assertThat(f.sendBytes("/hooks/" + Fixture.CONNECTION, body, h).statusCode()).isEqualTo(202);
    byte[] body2 = Fixture.delivery(Fixture.event("evt-2", "rec-2", 1000, "Table"));
    String[] h2 = f.signedHeaders(body2);
    h2[1] = "application/vnd.smartsuite+json";
    assertThat(f.sendBytes("/hooks/" + Fixture.CONNECTION, body2, h2).statusCode()).isEqualTo(202);
  }

  @Test
  void answers405ForGet() throws Exception {
    HttpResponse<String> r = f.send("GET", "/hooks/" + Fixture.CONNECTION, null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void answers503WithRetryAfterWhenStorageIsDown() throws Exception {
    f.jobs.down = true;
    HttpResponse<String> r =
        f.deliver(Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair")));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    f.jobs.down = false;
    assertThat(f.storedJobs()).isZero();
  }

  @Test
  void setsTheSecurityHeadersOnIngressAnswers() throws Exception {
    HttpResponse<String> r = f.send("GET", "/hooks/" + Fixture.CONNECTION, null);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("frame-ancestors 'none'");
  }
}
