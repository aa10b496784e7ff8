package dev.syncengine.benchmarks;

import dev.syncengine.core.crypto.SecretBox;
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

/** Sealing and opening one API token with AES-256-GCM. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SecretBoxBenchmark {
  private SecretBox box;
  private String sealed;

  @Setup
  public void setUp() {
    box = SecretBox.builder().key("k1", SecretBox.generateKey()).build();
    sealed = box.seal("wf_token_0123456789abcdef0123456789abcdef0123456789abcdef");
  }

  @Benchmark
  public String seal() {
    return box.seal("wf_token_0123456789abcdef0123456789abcdef0123456789abcdef");
  }

  @Benchmark
  public String open() {
    return box.open(sealed);
  }
}
