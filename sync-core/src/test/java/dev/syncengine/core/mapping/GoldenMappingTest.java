package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ItemAction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic SmartSuite records, normalised as the source adapter hands them over, mapped with the
 * Products mapping document to the exact {@code fieldData} recorded in {@code golden/*.json}; every
 * result must also be a valid Webflow item of the Products collection.
 */
class GoldenMappingTest {
  private static final CompiledMapping MAPPING = compile();
  private final WebflowItemValidator validator =
      new WebflowItemValidator(Fixtures.productCollection());

  private static CompiledMapping compile() {
    try {
      return DefaultMappingCompiler.ofDefaults()
          .compile(Fixtures.productMapping(), Fixtures.products(), Fixtures.productCollection());
    } catch (MappingValidationException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenMappingTest.class.getResource("/mapping/golden").toURI());
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .forEach(p -> names.add(p.getFileName().toString()));
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsTheRecordToTheRecordedFieldData(String file) throws Exception {
    JsonNode c = Fixtures.resource("golden/" + file);
    MappedItem item =
        MAPPING.map(Fixtures.record(c.path("record")), Fixtures.links(c.path("links"), false));

    JsonNode expected = c.path("expected");
    assertThat(Fixtures.canonical(item.fieldData()))
        .isEqualTo(Fixtures.canonical(expected.path("fieldData")));
    assertThat(item.action()).isEqualTo(ItemAction.valueOf(expected.path("action").asText()));
    List<String> warnings = new ArrayList<>();
    expected.path("warnings").forEach(w -> warnings.add(w.asText()));
    assertThat(item.warnings()).containsExactlyElementsOf(warnings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void producesAValidWebflowItem(String file) throws Exception {
    JsonNode c = Fixtures.resource("golden/" + file);
    MappedItem item =
        MAPPING.map(Fixtures.record(c.path("record")), Fixtures.links(c.path("links"), false));

    assertThat(validator.violations(item.fieldData())).isEmpty();
  }

  @Test
  void theRecordedFieldDataItselfIsValidSoTheValidatorIsNotVacuous() throws Exception {
    JsonNode c = Fixtures.resource("golden/01-full-record.json");
    JsonNode broken = c.path("expected").path("fieldData").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken)
        .put("price", "19.95")
        .put("category", "Tea")
        .put("slug", "Crème Brûlée");

    assertThat(validator.violations(c.path("expected").path("fieldData"))).isEmpty();
    assertThat(validator.violations(broken))
        .anySatisfy(v -> assertThat(v).startsWith("price (Number): not a number"))
        .anySatisfy(v -> assertThat(v).startsWith("category (Option): not an option id"))
        .anySatisfy(v -> assertThat(v).contains("slug 'Crème Brûlée'"));
  }
}
