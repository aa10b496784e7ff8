package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference rules (links that have not synced yet) and the status rule. */
class ReferenceAndStatusTest {
  private static final String SUPPLIERS = "64f0suppliers0000000000001";
  private static final JsonNode LINKED =
      Fixtures.json(
          "{'" + SUPPLIERS + "/sup1': 'item-sup1', '" + SUPPLIERS + "/sup3': 'item-sup3'}");

  @Test
  void aLinkedRecordResolvesThroughTheLinkedTablesIdMap() throws Exception {
    MappedItem item = map("{'rule': 'reference', 'source': 'Supplier'}", "['sup1']", LINKED, false);
    assertThat(item.fieldData().get("supplier").asText()).isEqualTo("item-sup1");
  }

  @Test
  void aMissingLinkIsRetryableWhileTheEngineStillRetries() {
    assertThatThrownBy(
            () -> map("{'rule': 'reference', 'source': 'Supplier'}", "['sup2']", LINKED, false))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'supplier' (Reference), rule reference(Supplier): linked record sup2 (table "
                + SUPPLIERS
                + ") has not synced to Webflow yet")
        .satisfies(e -> assertThat(((MappingException) e).retryable()).isTrue())
        .satisfies(e -> assertThat(((MappingException) e).field()).isEqualTo("supplier"));
  }

  @Test
  void onTheFinalAttemptAMissingLinkFailsPermanentlyByDefault() {
    assertThatThrownBy(
            () -> map("{'rule': 'reference', 'source': 'Supplier'}", "['sup2']", LINKED, true))
        .isInstanceOf(MappingException.class)
        .satisfies(e -> assertThat(((MappingException) e).retryable()).isFalse());
  }

  @Test
  void onTheFinalAttemptAMissingLinkIsLeftOutWithAWarningWhenTheRuleSaysWarn() throws Exception {
    MappedItem item =
        map(
            "{'rule': 'reference', 'source': 'Supplier', 'onMissing': 'warn'}",
            "['sup2']",
            LINKED,
            true);
    assertThat(item.fieldData().get("supplier").isNull()).isTrue();
    assertThat(item.warnings())
        .containsExactly(
            "field 'supplier' (Reference), rule reference(Supplier): linked record sup2 (table "
                + SUPPLIERS
                + ") has not synced to Webflow yet; left out");
  }

  @Test
  void aRuleThatDoesNotWaitSettlesAtOnce() throws Exception {
    MappedItem item =
        map(
            "{'rule': 'reference', 'source': 'Supplier', 'onMissing': 'warn', 'waitForLink': false}",
            "['sup1', 'sup2', 'sup3']",
            LINKED,
            false);
    assertThat(item.fieldData().get("supplier").asText()).isEqualTo("item-sup1");
    assertThat(item.warnings())
        .containsExactly(
            "field 'supplier' (Reference), rule reference(Supplier): linked record sup2 (table "
                + SUPPLIERS
                + ") has not synced to Webflow yet; left out",
            "field 'supplier' (Reference), rule reference(Supplier): Reference holds one value; kept the first of 2");
  }

  @Test
  void aFailingFieldOnARecordBeingDeletedDoesNotHoldTheDeleteBack() throws Exception {
    ObjectNode values =
        (ObjectNode)
            Fixtures.json("{'title': 'Old', 's1a561b4ae': 'n/a', 'sd3a8b0c1d': 'Discontinued'}");
    MappedItem item =
        compile().map(new SourceRecord("r9", java.time.Instant.EPOCH, values), MappingContext.NONE);
    assertThat(item.action()).isEqualTo(ItemAction.DELETE);
    assertThat(item.warnings()).anySatisfy(w -> assertThat(w).contains("field 'price' (Number)"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'\"Active\"', PUBLISH",
    "'\"draft\"', DRAFT",
    "'\" SOLD \"', ARCHIVE",
    "'\"Discontinued\"', DELETE",
    "'\"Something else\"', DEFAULT",
    "'{\"value\": \"Sold\", \"updated_on\": \"2025-01-01T00:00:00Z\"}', ARCHIVE",
    "'[\"Draft\"]', DRAFT",
    "null, DEFAULT"
  })
  void theStatusRuleChoosesTheActionFromTheSourceValue(String status, ItemAction expected)
      throws Exception {
    ObjectNode values =
        (ObjectNode) Fixtures.JSON.readTree("{\"title\": \"T\", \"s1a561b4ae\": \"1\"}");
    values.set("sd3a8b0c1d", Fixtures.JSON.readTree(status));
    MappedItem item =
        compile().map(new SourceRecord("r1", java.time.Instant.EPOCH, values), MappingContext.NONE);
    assertThat(item.action()).isEqualTo(expected);
  }

  private static CompiledMapping compile() throws MappingValidationException {
    return DefaultMappingCompiler.ofDefaults()
        .compile(Fixtures.productMapping(), Fixtures.products(), Fixtures.productCollection());
  }

  private static MappedItem map(
      String rule, String supplierIds, JsonNode links, boolean finalAttempt) throws Exception {
    ObjectNode doc = Fixtures.productMapping().deepCopy();
    ((ObjectNode) doc.get("fields")).set("supplier", Fixtures.json(rule));
    CompiledMapping m =
        DefaultMappingCompiler.ofDefaults()
            .compile(doc, Fixtures.products(), Fixtures.productCollection());
    ObjectNode values = (ObjectNode) Fixtures.json("{'title': 'Tea', 's1a561b4ae': '1'}");
    values.set("s9c4d6e7f8", Fixtures.json(supplierIds));
    return m.map(
        new SourceRecord("r1", java.time.Instant.EPOCH, values),
        Fixtures.links(links, finalAttempt));
  }
}
