package dev.syncengine.benchmarks;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Verifying one signed push (Standard Webhooks, ~1 KiB body, two secrets as during rotation). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SigningBenchmark {
  private WebhookVerifier verifier;
  private IngestRequest request;

  @Setup
  public void setUp() {
    String oldSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    String secret =
        "whsec_"
            + Base64.getEncoder().encodeToString("benchmark-secret-32-bytes-long!!".getBytes());
    byte[] body =
        ("{\"event_type\":\"record_updated\",\"record_id\":\"64f1c2\",\"data\":{\"title\":\""
                + "x".repeat(900)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    long ts = System.currentTimeMillis() / 1000;
    StandardWebhooks signer =
        new StandardWebhooks(List.of(secret), Duration.ofMinutes(5), Clock.systemUTC());
    request =
        IngestRequest.builder(body)
            .header("webhook-id", "msg_1")
            .header("webhook-timestamp", String.valueOf(ts))
            .header("webhook-signature", signer.sign("msg_1", ts, body))
            .build();
    // The matching secret last: the worst case during rotation.
    verifier =
        WebhookVerifier.of(List.of(oldSecret, secret), Duration.ofHours(1), Clock.systemUTC());
  }

  @Benchmark
  public String verify() throws Exception {
    return verifier.verify(request);
  }
}
