package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * JSONata rules: fields by label and slug, bounded time and depth, and no state carried between
 * evaluations on one thread (the library version in use kept some per thread).
 */
class JsonataSafetyTest {
  private final DefaultMappingCompiler compiler =
      DefaultMappingCompiler.builder()
          .jsonataTimeout(Duration.ofMillis(100))
          .jsonataMaxDepth(200)
          .build();

  @Test
  void fieldsAreAddressableBySlugAndByLabel() throws Exception {
    assertThat(eval("$number(Price) + $number(s1a561b4ae)").asText()).isEqualTo("39.9");
    assertThat(eval("`Weight (g)` & '/' & `Contact Email`[0]").asText())
        .isEqualTo("250/a@b.example");
    assertThat(eval("title & ' ' & id").asText()).isEqualTo("Tea r1");
  }

  @Test
  void endlessRecursionStopsWithAPermanentErrorInsteadOfExhaustingTheWorker() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> eval("($f := function($x){ $f($x + 1) + 1 }; $f(0))"))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("field 'sku' (PlainText), rule jsonata(")
        .hasMessageContaining("the expression recursed too deeply")
        .satisfies(e -> assertThat(((MappingException) e).retryable()).isFalse());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void longRunningExpressionsStopAtTheTimeLimit() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> eval("$count($map([1..5000000], function($v){ $string($v) & $string($v * 2) }))"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("the expression ran longer than its time limit");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void runtimeErrorsNameTheFieldAndTheExpression() {
    assertThatThrownBy(() -> eval("$number('abc')"))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("field 'sku' (PlainText), rule jsonata($number('abc')): ");
    assertThatThrownBy(() -> eval("$truncate(Title)"))
        .hasMessageContaining("truncate takes 1 to 2 argument(s) after the value, got 0");
    assertThatThrownBy(() -> eval("function($x){ $x }"))
        .hasMessageContaining("the expression produced a function, not a JSON value");
  }

  @Test
  void millisAndNowAreTheTimeOfEachEvaluationNotOfTheFirstOnTheThread() throws Exception {
    CompiledMapping m = mapping("$string($millis())");
    long first =
        Long.parseLong(m.map(record(), MappingContext.NONE).fieldData().get("sku").asText());
    long before = System.currentTimeMillis();
    while (System.currentTimeMillis() <= before + 2) {
      Thread.onSpinWait(); // let the clock move on; no sleep needed
    }
    long second =
        Long.parseLong(m.map(record(), MappingContext.NONE).fieldData().get("sku").asText());
    assertThat(second).isGreaterThan(first);
    String now =
        mapping("$now()").map(record(), MappingContext.NONE).fieldData().get("sku").asText();
    assertThat(Instant.parse(now)).isAfterOrEqualTo(Instant.ofEpochMilli(second));
  }

  @Test
  void bindingsOfOtherExpressionsOnTheSameThreadDoNotLeakIn() throws Exception {
    CompiledMapping m = mapping("$exists($secret) ? 'leaked' : ($v := Title; $v & '!')");
    assertThat(m.map(record(), MappingContext.NONE).fieldData().get("sku").asText())
        .isEqualTo("Tea!");

    // Some other code on this worker thread compiles and runs its own expression with bindings.
    Jsonata other = Jsonata.jsonata("$secret & $v");
    other.assign("secret", "s3cr3t");
    Jsonata.Frame frame = other.createFrame();
    frame.bind("v", "x");
    assertThat(other.evaluate(java.util.Map.of(), frame)).isEqualTo("s3cr3tx");

    assertThat(m.map(record(), MappingContext.NONE).fieldData().get("sku").asText())
        .isEqualTo("Tea!");
  }

  @Test
  void theInputOfOneEvaluationIsNotSeenByTheNext() throws Exception {
    CompiledMapping m = mapping("$exists($$.s2b7c9d0e1) ? 'stale' : Title");
    ObjectNode withSku = record().values().deepCopy().put("s2b7c9d0e1", "SKU-1");
    m.map(new SourceRecord("r0", Instant.EPOCH, withSku), MappingContext.NONE);
    assertThat(m.map(record(), MappingContext.NONE).fieldData().get("sku").asText())
        .isEqualTo("Tea");
  }

  private com.fasterxml.jackson.databind.JsonNode eval(String expression) throws Exception {
    return mapping(expression).map(record(), MappingContext.NONE).fieldData().get("sku");
  }

  private CompiledMapping mapping(String expression) throws MappingValidationException {
    ObjectNode doc = Fixtures.JSON.createObjectNode();
    ObjectNode fields = doc.putObject("fields");
    fields.put("price", "Price");
    fields.putObject("sku").put("rule", "jsonata").put("expression", expression);
    return compiler.compile(doc, Fixtures.products(), Fixtures.productCollection());
  }

  private static SourceRecord record() {
    return Fixtures.record(
        "r1",
        "{'title': 'Tea', 's1a561b4ae': '19.95', 'sg6d1e3f4a': 250, 'sa0d5e7f8a': ['a@b.example']}");
  }
}
