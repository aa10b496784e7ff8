package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.ItemAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validate, preview and suggest of a {@link MappingCompiler} that only implements compile. */
class CompilerSpiDefaultsTest {
  private final DefaultMappingCompiler real = DefaultMappingCompiler.ofDefaults();

  /** Compiles with the real compiler, but inherits the SPI's defaults for everything else. */
  private final MappingCompiler plain = real::compile;

  @Test
  void previewMapsTheWholeRecordAndKeepsTheItemsWarnings() {
    var sample = Fixtures.record("r1", "{'title': 'Tea', 's1a561b4ae': '1.5'}");
    Preview p =
        plain.preview(
            Fixtures.productMapping(),
            Fixtures.products(),
            Fixtures.productCollection(),
            sample,
            MappingContext.NONE);

    assertThat(p.ok()).isTrue();
    assertThat(p.fields()).isEmpty();
    assertThat(p.fieldData().get("name").asText()).isEqualTo("Tea");
    assertThat(p.fieldData().get("slug").asText()).isEqualTo("tea");
    assertThat(p.action()).isNotNull();
  }

  @Test
  void aDocumentThatDoesNotCompileIsAFailedPreviewAndAValidationError() {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ((ObjectNode) doc.get("fields")).put("weight", "Photos");
    var sample = Fixtures.record("r1", "{'title': 'Tea'}");

    Preview p =
        plain.preview(
            doc, Fixtures.products(), Fixtures.productCollection(), sample, MappingContext.NONE);
    List<Problem> problems = plain.validate(doc, Fixtures.products(), Fixtures.productCollection());

    assertThat(p.ok()).isFalse();
    assertThat(p.fieldData()).isNull();
    assertThat(p.action()).isNull();
    assertThat(p.problems()).extracting(Problem::field).contains("weight");
    assertThat(problems).filteredOn(Problem::error).extracting(Problem::field).contains("weight");
  }

  @Test
  void aCompilerThatThrowsIsReportedNotPropagated() {
    MappingCompiler broken =
        (m, s, t) -> {
          throw new IllegalStateException("bug");
        };
    var sample = Fixtures.record("r1", "{'title': 'Tea'}");
    Preview p =
        broken.preview(
            Fixtures.productMapping(),
            Fixtures.products(),
            Fixtures.productCollection(),
            sample,
            MappingContext.NONE);
    assertThat(p.ok()).isFalse();
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.message())
                    .isEqualTo("mapping could not be compiled: IllegalStateException"));
  }

  @Test
  void suggestionsPairBySlugOrLabelWithoutADocument() {
    SuggestedMapping s = plain.suggest(Fixtures.products(), Fixtures.productCollection());
    assertThat(s.document()).isNull();
    assertThat(s.matches()).isNotEmpty();
    assertThat(s.matches()).extracting(MappingSuggestion::rule).containsOnly("direct");

    SuggestedMapping full = real.suggest(Fixtures.products(), Fixtures.productCollection());
    assertThat(full.document()).isNotNull();
    assertThat(full.document().has("fields")).isTrue();
  }

  @Test
  void fieldWarningsArePrefixedWithTheirField() {
    FieldPreview f =
        new FieldPreview("price", "Number", "direct(Price)", null, null, List.of(), List.of("cut"));
    Preview p = new Preview(List.of(f), null, ItemAction.DEFAULT, List.of());
    assertThat(p.warnings()).containsExactly("price: cut");
    assertThat(p.ok()).isFalse(); // nothing to write
  }
}
