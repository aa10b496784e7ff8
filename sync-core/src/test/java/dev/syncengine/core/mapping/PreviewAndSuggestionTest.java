package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ItemAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's live preview and auto-mapping suggestions. */
class PreviewAndSuggestionTest {
  private final DefaultMappingCompiler compiler = DefaultMappingCompiler.ofDefaults();

  @Test
  void previewShowsInputRuleOutputAndProblemsPerField() {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ((ObjectNode) doc.get("fields")).put("weight", "Photos"); // does not compile
    ((ObjectNode) doc.get("fields"))
        .put("contact-email", "Notes"); // compiles, fails on this record
    var sample =
        Fixtures.record(
            "r1",
            "{'title': 'Crème Brûlée', 's1a561b4ae': '19.95', 'sh7e2f4a5b': '10', 'sk0b5c7d8e': 'no email here',"
                + " 'sd3a8b0c1d': 'Draft'}");

    Preview p =
        compiler.preview(
            doc, Fixtures.products(), Fixtures.productCollection(), sample, MappingContext.NONE);

    assertThat(p.ok()).isFalse();
    assertThat(p.action()).isEqualTo(ItemAction.DRAFT);
    assertThat(p.problems())
        .filteredOn(MappingValidationException.Problem::error)
        .singleElement()
        .satisfies(pr -> assertThat(pr.field()).isEqualTo("weight"));
    assertThat(p.fields())
        .extracting(FieldPreview::field)
        .startsWith("name", "slug")
        .doesNotContain("weight");

    FieldPreview price = field(p, "price");
    assertThat(price.rule()).isEqualTo("direct(Price)");
    assertThat(price.input().asText()).isEqualTo("19.95");
    assertThat(price.output().decimalValue()).isEqualByComparingTo("19.95");
    assertThat(price.errors()).isEmpty();

    FieldPreview sale = field(p, "sale-price");
    assertThat(sale.rule())
        .isEqualTo("jsonata($number(Price) * (1 - $number(Discount) / 100)) | round(2)");
    assertThat(sale.output().decimalValue()).isEqualByComparingTo("17.96");

    FieldPreview email = field(p, "contact-email");
    assertThat(email.ok()).isFalse();
    assertThat(email.output().isMissingNode()).isTrue();
    assertThat(email.errors())
        .containsExactly(
            "field 'contact-email' (Email), rule direct(Notes): cannot use \"no email here\" as Email: not an email address");

    FieldPreview slug = field(p, "slug");
    assertThat(slug.output().asText()).isEqualTo("creme-brulee");
    assertThat(p.fieldData().get("slug").asText()).isEqualTo("creme-brulee");
    assertThat(p.fieldData().has("contact-email")).isFalse();
  }

  @Test
  void previewReportsAPendingLinkAsSomethingThatWillBeRetried() {
    var sample =
        Fixtures.record("r1", "{'title': 'Tea', 's1a561b4ae': '1', 's9c4d6e7f8': ['sup9']}");
    Preview p =
        compiler.preview(
            Fixtures.productMapping(),
            Fixtures.products(),
            Fixtures.productCollection(),
            sample,
            MappingContext.NONE);
    assertThat(field(p, "supplier").errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e).contains("linked record sup9").endsWith("(retried until it has)"));
  }

  @Test
  void suggestionsMatchNamesAmongCompatibleTypes() {
    List<MappingSuggestion> s =
        new MappingSuggester().suggest(Fixtures.products(), Fixtures.productCollection());

    assertThat(s)
        .extracting(m -> m.targetField() + "<-" + m.sourceLabel() + ":" + m.rule())
        .contains(
            "name<-Title:direct",
            "price<-Price:direct",
            "sku<-SKU:direct",
            "description<-Description:direct",
            "category<-Category:direct",
            "launch-date<-Launch Date:direct",
            "in-stock<-In Stock:direct",
            "supplier<-Supplier:reference",
            "related-products<-Related Products:reference",
            "contact-email<-Contact Email:direct",
            "weight<-Weight (g):direct",
            "brand-color<-Brand Color:direct")
        .noneMatch(x -> x.startsWith("created-by") || x.startsWith("slug"));
    assertThat(s).extracting(MappingSuggestion::sourceField).doesNotHaveDuplicates();
    assertThat(s).extracting(MappingSuggestion::targetField).doesNotHaveDuplicates();
  }

  @Test
  void suggestionsNeverPairIncompatibleTypes() {
    // "Photos" is a file field; "in-stock" is a Switch: even a perfect name match must not pair
    // them.
    var source =
        Fixtures.sourceSchema(
            Fixtures.json(
                "{'id': 't', 'name': 'T', 'primary_field': 'title', 'structure': ["
                    + "{'slug': 'title', 'label': 'Title', 'field_type': 'recordtitlefield'},"
                    + "{'slug': 's1', 'label': 'In Stock', 'field_type': 'filefield'}]}"));
    assertThat(new MappingSuggester().suggest(source, Fixtures.productCollection()))
        .noneMatch(m -> m.targetField().equals("in-stock"));
  }

  @Test
  void theSuggestedDocumentCompiles() throws Exception {
    List<MappingSuggestion> s =
        new MappingSuggester().suggest(Fixtures.products(), Fixtures.productCollection());
    ObjectNode doc = MappingSuggester.toDocument(s);
    assertThat(compiler.validate(doc, Fixtures.products(), Fixtures.productCollection()))
        .filteredOn(MappingValidationException.Problem::error)
        .isEmpty();
  }

  private static FieldPreview field(Preview p, String slug) {
    return p.fields().stream().filter(f -> f.field().equals(slug)).findFirst().orElseThrow();
  }
}
