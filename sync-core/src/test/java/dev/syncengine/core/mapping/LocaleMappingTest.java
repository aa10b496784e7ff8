package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.LocaleFields;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.TargetLocale;
import dev.syncengine.core.model.TargetSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code locales} section: per-locale rules feed the item's secondary-locale variants under
 * {@link LocaleFields#KEY}; a mapping without it maps as before.
 */
class LocaleMappingTest {
  private static final String FR = "653ad57de882f528b32e810f";
  private static final String ES = "653ad57de882f528b32e810g";
  private final DefaultMappingCompiler compiler = DefaultMappingCompiler.ofDefaults();

  private static TargetSchema localized() {
    return Fixtures.productCollection()
        .withLocales(
            List.of(
                new TargetLocale("653ad57de882f528b32e810e", "en-US", "English", true),
                new TargetLocale(FR, "fr-FR", "French", false),
                new TargetLocale(ES, "es", "Spanish", false)));
  }

  private static JsonNode doc(String locales) {
    return Fixtures.json(
        "{'fields': {'name': 'Title', 'price': 'Price', 'sku': 'SKU'}, 'locales': "
            + locales
            + "}");
  }

  private static final SourceRecord RECORD =
      Fixtures.record(
          "r1", "{'title': 'Tea', 's1a561b4ae': '4.5', 's2b7c9d0e1': 'T-1', 'sk0b5c7d8e': 'Thé'}");

  @Test
  void eachLocaleGetsOnlyTheFieldsMappedForItKeyedByItsCmsLocaleId() throws Exception {
    CompiledMapping m =
        compiler.compile(
            doc(
                "{'fr-FR': {'fields': {'name': 'Notes'}},"
                    + " '"
                    + ES
                    + "': {'fields': {'name': {'rule': 'template', 'template': 'Té {{Title}}'}}}}"),
            Fixtures.products(),
            localized());

    ObjectNode fd = m.map(RECORD, MappingContext.NONE).fieldData();

    assertThat(LocaleFields.primary(fd).toString())
        .isEqualTo("{\"name\":\"Tea\",\"price\":4.5,\"sku\":\"T-1\",\"slug\":\"tea\"}");
    assertThat(LocaleFields.of(fd)).containsOnlyKeys(FR, ES);
    assertThat(LocaleFields.of(fd).get(FR).toString()).isEqualTo("{\"name\":\"Thé\"}");
    assertThat(LocaleFields.of(fd).get(ES).toString()).isEqualTo("{\"name\":\"Té Tea\"}");
  }

  @Test
  void aMappingWithoutLocalesMapsAsBeforeEvenWhenTheTargetHasLocales() throws Exception {
    CompiledMapping m =
        compiler.compile(
            Fixtures.json("{'fields': {'name': 'Title', 'price': 'Price'}}"),
            Fixtures.products(),
            localized());

    ObjectNode fd = m.map(RECORD, MappingContext.NONE).fieldData();

    assertThat(fd.has(LocaleFields.KEY)).isFalse();
    assertThat(compiler.validate(Fixtures.productMapping(), Fixtures.products(), localized()))
        .isEmpty();
  }

  @Test
  void anUnknownLocaleIsAnErrorNamingTheLocaleAndTheKnownOnes() throws Exception {
    List<Problem> ps =
        compiler.validate(
            doc("{'de-DE': {'fields': {'name': 'Notes'}}}"), Fixtures.products(), localized());

    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.error()).isTrue();
              assertThat(p.field()).isEqualTo("locales.de-DE");
              assertThat(p.message())
                  .isEqualTo(
                      "unknown locale 'de-DE'; the target's secondary locales are fr-FR (French), es (Spanish)");
            });
    assertThatThrownBy(
            () ->
                compiler.compile(
                    doc("{'de-DE': {'fields': {'name': 'Notes'}}}"),
                    Fixtures.products(),
                    localized()))
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining("unknown locale 'de-DE'");
  }

  @Test
  void aTargetWithoutLocalesSaysSo() throws Exception {
    assertThat(
            compiler.validate(
                doc("{'fr-FR': {'fields': {'name': 'Notes'}}}"),
                Fixtures.products(),
                Fixtures.productCollection()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "unknown locale 'fr-FR'; the target lists no secondary locales"
                            + " (it has none, or they could not be read)"));
  }

  @Test
  void problemsInsideALocaleNameTheLocaleAndTheField() throws Exception {
    List<Problem> ps =
        compiler.validate(
            doc("{'fr-fr': {'fields': {'nmae': 'Notes', 'price': 'Prise'}}}"),
            Fixtures.products(),
            localized());

    assertThat(ps)
        .extracting(Problem::field)
        .containsExactly("locales.fr-fr.nmae", "locales.fr-fr.price");
    assertThat(ps.get(0).message()).startsWith("locale 'fr-fr': unknown target field 'nmae'");
    assertThat(ps.get(1).message())
        .isEqualTo("locale 'fr-fr': unknown source field 'Prise'; did you mean Price?");
  }

  @Test
  void thePrimaryLocaleAndTheSlugCannotBeMappedAsALocale() throws Exception {
    List<Problem> ps =
        compiler.validate(
            doc("{'en-US': {'fields': {'name': 'Notes'}}, 'fr-FR': {'fields': {'slug': 'Notes'}}}"),
            Fixtures.products(),
            localized());

    assertThat(ps)
        .extracting(Problem::field)
        .containsExactly("locales.en-US", "locales.fr-FR.slug");
    assertThat(ps.get(0).message()).contains("is the primary locale");
  }

  @Test
  void aLocaleFieldThatFailsToMapFailsTheRecordNamingTheLocale() throws Exception {
    CompiledMapping m =
        compiler.compile(
            doc("{'fr-FR': {'fields': {'price': 'Notes'}}}"), Fixtures.products(), localized());

    assertThatThrownBy(() -> m.map(RECORD, MappingContext.NONE))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("locale 'fr-FR': field 'price' (Number)");
  }

  @Test
  void thePreviewShowsEachLocaleFieldUnderItsLocale() throws Exception {
    Preview p =
        compiler.preview(
            doc("{'fr-FR': {'fields': {'name': 'Notes'}}}"),
            Fixtures.products(),
            localized(),
            RECORD,
            MappingContext.NONE);

    assertThat(p.fields()).extracting(FieldPreview::field).contains("locales.fr-FR.name");
    assertThat(LocaleFields.of(p.fieldData()).get(FR).path("name").asText()).isEqualTo("Thé");
  }
}
