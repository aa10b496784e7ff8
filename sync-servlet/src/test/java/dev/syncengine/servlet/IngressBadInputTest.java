package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile and broken webhook deliveries: never a 5xx, never a stored row. */
class IngressBadInputTest {
  static Fixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new Fixture();
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  @AfterEach
  void nothingWasStored() {
    assertThat(f.storedJobs()).isZero();
  }

  private static void refused(int status) {
    assertThat(status).isBetween(400, 499);
  }

  @Test
  void refusesRandomBytesSignedOrNot() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 150; i++) {
      byte[] body = new byte[random.nextInt(4096)];
      random.nextBytes(body);
      String path = "/hooks/" + Fixture.CONNECTION + "/" + Fixture.WEBHOOK_TOKEN;
      refused(f.sendBytes(path, body, f.signedHeaders(body)).statusCode());
      refused(f.sendBytes(path, body, "Content-Type", "application/json").statusCode());
    }
  }

  @Test
  void refusesSignedJsonThatIsNotADelivery() throws Exception {
    for (String body :
        List.of(
            "{}",
            "[]",
            "{\"events\":[{}]}",
            "{\"events\":[{\"record\":1,\"version\":\"x\"}]}",
            "{\"events\":[{\"record\":\"r\",\"version\":1,\"kind\":\"EXPLODE\"}]}",
            "\"just a string\"",
            "12",
            "null",
            "{\"events\":[]} trailing",
            "{\"events\":[",
            "{\"a\":1}{\"b\":2}")) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> r = f.deliver(bytes);
      if (body.equals("{\"events\":[]}") || body.equals("[]") || body.equals("{}")) {
        assertThat(r.statusCode()).as(body).isLessThan(500);
      } else {
        refused(r.statusCode());
      }
    }
  }

  @Test
  void refusesAHugeBodyWithADeclaredLength() throws Exception {
    byte[] huge = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) '[');
    try {
      HttpResponse<String> r =
          f.sendBytes("/hooks/" + Fixture.CONNECTION, huge, "Content-Type", "application/json");
      assertThat(r.statusCode()).isEqualTo(413);
    } catch (IOException e) {
      // The server may close the connection after its 413 while the client still sends.
      assertThat(e).isNotNull();
    }
  }

  @Test
  void refusesAHugeChunkedBody() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    HttpRequest.BodyPublisher unknownLength =
        new HttpRequest.BodyPublisher() {
          final HttpRequest.BodyPublisher d =
              HttpRequest.BodyPublishers.ofByteArrays(
                  java.util.Collections.nCopies(40, chunk)); // 2.5 MiB

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> s) {
            d.subscribe(s);
          }
        };
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(f.base + "/hooks/" + Fixture.CONNECTION))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(unknownLength)
            .build();
    try {
      HttpResponse<String> r = f.http.send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
    } catch (IOException e) {
      assertThat(e).isNotNull();
    }
  }

  @Test
  void refusesATruncatedBody() throws Exception {
    String head =
        "POST /sync/hooks/"
            + Fixture.CONNECTION
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\nConnection: close\r\n\r\n";
    String status = raw(head + "{\"events\":[{\"record\":\"r1\"", true);
    assertThat(status).startsWith("HTTP/1.1 400");
  }

  @Test
  void refusesWrongContentTypes() throws Exception {
    byte[] body = Fixture.delivery(Fixture.event("evt-1", "rec-1", 1000, "Chair"));
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/json; charset=utf-16",
            "application/jsonp",
            "json",
            "",
            "application/json\u0000")) {
      String[] h = f.signedHeaders(body);
      h[1] = type;
      HttpResponse<String> r;
      try {
        r = f.sendBytes("/hooks/" + Fixture.CONNECTION, body, h);
      } catch (IllegalArgumentException e) {
        continue; // the client itself refuses to send this header
      }
      assertThat(r.statusCode()).as(type).isIn(400, 415);
    }
  }

  @Test
  void refusesDeeplyNestedJson() throws Exception {
    for (int depth : new int[] {100, 5_000, 100_000}) {
      String body = "[".repeat(depth) + "]".repeat(depth);
      HttpResponse<String> r = f.deliver(body.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as("depth " + depth).isEqualTo(400);
      String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      assertThat(f.deliver(objects.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void refusesInvalidUtf8() throws Exception {
    byte[] prefix = "{\"events\":[{\"id\":\"e1\",\"record\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\",\"version\":1}]}".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xff, (byte) 0xfe},
            new byte[] {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // lone surrogate
            new byte[] {(byte) 0xe2, (byte) 0x82})) { // truncated sequence
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(prefix);
      b.write(bad);
      b.write(suffix);
      HttpResponse<String> r = f.deliver(b.toByteArray());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(Fixture.json(r).at("/error/message").asText()).contains("UTF-8");
    }
  }

  @Test
  void neverReflectsInjectedHeaders() throws Exception {
    String body = "{\"events\":[]}";
    String req =
        "POST /sync/hooks/"
            + Fixture.CONNECTION
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "webhook-id: abc\r\nSet-Cookie: injected=1\r\n"
            + "webhook-signature: v1,x\r\nX-Forwarded-Host: evil.example\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body;
    String resp = raw(req, false);
    assertThat(resp).startsWith("HTTP/1.1 4");
    assertThat(resp).doesNotContain("injected").doesNotContain("evil.example");

    String encoded =
        "POST /sync/hooks/products%0d%0aSet-Cookie:%20injected=1 HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    String resp2 = raw(encoded, false);
    // The container may quote the rejected path (escaped) in its error page; what must never
    // happen is a header built from it.
    String headers2 =
        resp2.contains("\r\n\r\n") ? resp2.substring(0, resp2.indexOf("\r\n\r\n")) : resp2;
    assertThat(resp2).startsWith("HTTP/1.1 4");
    assertThat(headers2).doesNotContain("injected");

    String bare =
        "POST /sync/hooks/products HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nwebhook-id: a\rb\r\nContent-Length: 2\r\n"
            + "Connection: close\r\n\r\n{}";
    assertThat(raw(bare, false)).startsWith("HTTP/1.1 4");
  }

  /** Sends raw bytes; returns the whole response (or its status line when {@code halfClose}). */
  private static String raw(String request, boolean halfClose) throws IOException {
    try (Socket s = new Socket("127.0.0.1", f.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      try {
        while ((n = in.read(buf)) != -1) {
          got.write(buf, 0, n);
        }
      } catch (IOException e) {
        // a reset after the answer is fine
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
