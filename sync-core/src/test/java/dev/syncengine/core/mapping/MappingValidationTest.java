package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compile-time validation: every problem names the field, the rule and why, in words a dashboard
 * user can act on.
 */
class MappingValidationTest {
  private final DefaultMappingCompiler compiler = DefaultMappingCompiler.ofDefaults();

  @Test
  void theProductsMappingCompilesWithoutProblems() {
    assertThat(
            compiler.validate(
                Fixtures.productMapping(), Fixtures.products(), Fixtures.productCollection()))
        .isEmpty();
  }

  @Test
  void jsonataSyntaxErrorsGiveThePosition() {
    Problem p =
        only(withField("sale-price", rule("jsonata", "expression", "$number(Price) * (1 - ")));
    assertThat(p.field()).isEqualTo("sale-price");
    assertThat(p.rule()).isEqualTo("$number(Price) * (1 - ");
    assertThat(p.message()).startsWith("JSONata syntax error at character ").contains("Expected");
    assertThat(p.error()).isTrue();
  }

  @Test
  void unknownSourceFieldsAreNamedWithSuggestions() {
    Problem p = only(withField("price", "Prise"));
    assertThat(p.field()).isEqualTo("price");
    assertThat(p.rule()).isEqualTo("direct");
    assertThat(p.message()).isEqualTo("unknown source field 'Prise'; did you mean Price?");
  }

  @Test
  void sourceFieldsResolveBySlugOrByLabelIgnoringCase() {
    assertThat(problems(withField("sku", "s2b7c9d0e1"))).isEmpty();
    assertThat(problems(withField("sku", "sku"))).isEmpty();
  }

  @Test
  void unknownTargetFieldsAreNamedWithSuggestions() {
    Problem p = only(withField("prices", "Price"));
    assertThat(p.field()).isEqualTo("prices");
    assertThat(p.message())
        .isEqualTo("unknown target field 'prices' in collection Products; did you mean price?");
  }

  @Test
  void incompatibleTypesAreErrorsThatNameBothTypes() {
    Problem p = only(withField("in-stock", "Photos"));
    assertThat(p.message())
        .isEqualTo(
            "incompatible types: source 'Photos' (filefield) to Switch cannot convert; see the compatibility matrix in docs/mapping.md");
  }

  @Test
  void lossyTypePairsAreWarnings() {
    List<Problem> ps = problems(withField("weight", "Notes"));
    assertThat(ps).hasSize(1);
    assertThat(ps.get(0).error()).isFalse();
    assertThat(ps.get(0).message())
        .isEqualTo(
            "source 'Notes' (textareafield) to Number converts only some values; the others fail per record");
  }

  @Test
  void linkedRecordsNeedAReferenceRule() {
    assertThat(only(withField("supplier", "Supplier")).message())
        .isEqualTo(
            "source 'Supplier' (linkedrecordfield) to Reference needs a reference rule: {\"rule\": \"reference\", \"source\": \"Supplier\"}");
    assertThat(only(withField("supplier", rule("reference", "source", "Price"))).message())
        .isEqualTo("source 'Price' is a currencyfield, not a linked record field");
    assertThat(only(withField("sku", rule("reference", "source", "Supplier"))).message())
        .isEqualTo("a reference rule writes Reference or MultiReference fields, not PlainText");
  }

  @Test
  void requiredWebflowFieldsLeftUnmappedAreErrors() {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ((ObjectNode) doc.get("fields")).remove("price");
    Problem p = only(doc);
    assertThat(p.field()).isEqualTo("price");
    assertThat(p.message())
        .isEqualTo("required Webflow field 'price' (Price, Number) is not mapped");
  }

  @Test
  void readOnlyAndUnwritableTargetFieldsAreErrors() {
    assertThat(only(withField("created-by", "Owner")).message())
        .isEqualTo("target field 'created-by' is read-only in Webflow");
  }

  @Test
  void templateErrorsNameTheProblemAndWhereItIs() {
    assertThat(
            only(withField("sku", rule("template", "template", "{{SKU}}-{{shout(Title)}}")))
                .message())
        .startsWith(
            "template error: unknown transform 'shout'; known: uppercase, lowercase, title,")
        .endsWith("(at character 11)");
    assertThat(only(withField("sku", rule("template", "template", "{{Prise}}"))).message())
        .isEqualTo(
            "template error: unknown source field 'Prise'; did you mean Price? (at character 3)");
    assertThat(only(withField("sku", rule("template", "template", "{{SKU"))).message())
        .isEqualTo("template error: '{{' is never closed with '}}' (at character 1)");
    assertThat(only(withField("sku", rule("template", "template", "{{truncate(SKU)}}"))).message())
        .startsWith("template error: truncate takes 1 to 2 argument(s) after the value, got 0");
  }

  @Test
  void postTransformErrorsAreReported() {
    ObjectNode r = rule("direct", "source", "SKU");
    r.put("post", "round('two')");
    assertThat(only(withField("sku", r)).message())
        .startsWith("post-transform error: round: decimal places must be a whole number");
    r.put("post", "reverse");
    assertThat(only(withField("sku", r)).message())
        .startsWith("post-transform error: unknown transform 'reverse'; known:");
    r.put("post", "formatDate('yyyy-MM-dd', 'Mars/Olympus')");
    assertThat(only(withField("sku", r)).message()).contains("unknown time zone 'Mars/Olympus'");
  }

  @Test
  void optionMappingProblemsAreReportedUpFront() {
    ObjectNode r = rule("direct", "source", "Category");
    assertThat(only(withField("category", r)))
        .satisfies(p -> assertThat(p.error()).isFalse())
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "choice 'Gear' matches no Webflow option (allowed: Tea, Coffee, Accessories); records with it will fail unless \"options\" maps it"));
    r.putObject("options").put("Gear", "Tools");
    assertThat(problems(withField("category", r)))
        .filteredOn(Problem::error)
        .extracting(Problem::message)
        .containsExactly(
            "option override 'Gear' -> 'Tools' names no Webflow option; allowed: Tea, Coffee, Accessories");
  }

  @Test
  void statusRuleProblemsAreReported() {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ((ObjectNode) doc.get("status").get("actions")).put("Sold", "vanish");
    assertThat(only(doc).message())
        .isEqualTo("unknown action 'vanish'; use publish, draft, archive, delete or default");
  }

  @Test
  void compileThrowsWithEveryErrorAndTheSummaryNamesTheFields() {
    ObjectNode doc = withField("prices", "Price");
    ((ObjectNode) doc.get("fields")).put("weight", "Photos");
    assertThatThrownBy(
            () -> compiler.compile(doc, Fixtures.products(), Fixtures.productCollection()))
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining("prices: unknown target field 'prices'")
        .hasMessageContaining("weight: incompatible types: source 'Photos' (filefield) to Number")
        .satisfies(e -> assertThat(((MappingValidationException) e).problems()).hasSize(2));
  }

  @Test
  void theSlugHasItsOwnRule() {
    assertThat(only(withField("slug", "Title")).message())
        .isEqualTo("the slug has its own rule: use the top-level \"slug\" section");
  }

  @Test
  void valuesOfTheWrongTypeAreErrorsNamingTheKey() {
    ObjectNode expression = Fixtures.JSON.createObjectNode().put("rule", "jsonata");
    expression.putArray("expression").add("Title");
    assertThat(only(withField("listing-title", expression)).message())
        .isEqualTo("\"expression\" must be a string, not array");
    ObjectNode template = Fixtures.JSON.createObjectNode();
    template.putObject("template");
    assertThat(only(withField("summary", template)).message())
        .isEqualTo("\"template\" must be a string, not object");
    ObjectNode waiting =
        (ObjectNode) Fixtures.productMapping().at("/fields/related-products").deepCopy();
    waiting.put("waitForLink", "maybe");
    assertThat(only(withField("related-products", waiting)).message())
        .isEqualTo("\"waitForLink\" must be true or false, not \"maybe\"");
    ObjectNode table = (ObjectNode) Fixtures.productMapping().at("/fields/supplier").deepCopy();
    table.putArray("table");
    assertThat(only(withField("supplier", table)).message())
        .isEqualTo("\"table\" must be a string, not array");

    ObjectNode slug = Fixtures.productMapping().deepCopy();
    slug.with("slug").put("maxLength", "abc");
    Problem p = only(slug);
    assertThat(p.field()).isEqualTo("slug");
    assertThat(p.message()).isEqualTo("slug maxLength must be an integer 8-256, not \"abc\"");
  }

  @Test
  void scalarsOfTheWrongTypeThatEarlierVersionsReadAreStillReadWithAWarning() {
    ObjectNode expression =
        Fixtures.JSON.createObjectNode().put("rule", "jsonata").put("expression", 5);
    Problem p = only(withField("weight", expression));
    assertThat(p.error()).isFalse();
    assertThat(p.message())
        .isEqualTo("\"expression\" should be a string; the number is read as \"5\"");

    ObjectNode slug = Fixtures.productMapping().deepCopy();
    slug.with("slug").put("maxLength", "60");
    assertThat(only(slug).error()).isFalse();
    ObjectNode waiting =
        (ObjectNode) Fixtures.productMapping().at("/fields/related-products").deepCopy();
    waiting.put("waitForLink", "true");
    assertThat(only(withField("related-products", waiting)).error()).isFalse();
  }

  @Test
  void unknownKeysInARuleAreWarningsThatNameWhatTheRuleReads() {
    ObjectNode typo =
        Fixtures.JSON
            .createObjectNode()
            .put("rule", "direct")
            .put("source", "Notes")
            .put("post-", "trim");
    Problem p = only(withField("notes", typo));
    assertThat(p.error()).isFalse();
    assertThat(p.field()).isEqualTo("notes");
    assertThat(p.message())
        .isEqualTo(
            "unknown key 'post-' in this direct rule is ignored; it reads alt, options, owner, post, rule,"
                + " source");

    ObjectNode status = Fixtures.productMapping().deepCopy();
    status.with("status").put("defualt", "draft");
    assertThat(only(status).message()).startsWith("unknown key 'defualt' in the status rule");
  }

  private ObjectNode withField(String target, Object rule) {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ObjectNode fields = (ObjectNode) doc.get("fields");
    if (rule instanceof String s) {
      fields.put(target, s);
    } else {
      fields.set(target, (JsonNode) rule);
    }
    return doc;
  }

  private static ObjectNode rule(String kind, String key, String value) {
    ObjectNode r = Fixtures.JSON.createObjectNode().put("rule", kind);
    return r.put(key, value);
  }

  private List<Problem> problems(JsonNode doc) {
    return compiler.validate(doc, Fixtures.products(), Fixtures.productCollection());
  }

  private Problem only(JsonNode doc) {
    List<Problem> ps = problems(doc);
    assertThat(ps).hasSize(1);
    return ps.get(0);
  }
}
