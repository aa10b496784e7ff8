package dev.syncengine.smartsuite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordNormaliserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A table with one field of every type, shaped as GET /applications/{id}/ returns it. */
  private static final String TABLE =
      """
      {"id":"64a1f0c2e4b0aa0001a1b2c3","name":"Products","solution":"sol1","primary_field":"title",
       "structure":[
        {"slug":"title","label":"Title","field_type":"recordtitlefield","params":{}},
        {"slug":"s0sku","label":"SKU","field_type":"textfield","params":{}},
        {"slug":"s0notes","label":"Notes","field_type":"textareafield","params":{}},
        {"slug":"s0body","label":"Description","field_type":"richtextareafield","params":{}},
        {"slug":"s0doc","label":"Care","field_type":"richtextareafield","params":{}},
        {"slug":"s0qty","label":"Quantity","field_type":"numberfield","params":{"precision":0}},
        {"slug":"s0price","label":"Price","field_type":"currencyfield","params":{"currency":"USD"}},
        {"slug":"s0margin","label":"Margin","field_type":"percentfield","params":{}},
        {"slug":"s0rating","label":"Rating","field_type":"ratingfield","params":{"max":5}},
        {"slug":"s0slider","label":"Priority","field_type":"numbersliderfield","params":{}},
        {"slug":"s0done","label":"Progress","field_type":"percentcompletefield","params":{}},
        {"slug":"s0launch","label":"Launch","field_type":"datefield","params":{"include_time":false}},
        {"slug":"s0event","label":"Event","field_type":"datefield","params":{"include_time":true}},
        {"slug":"s0promo","label":"Promo","field_type":"daterangefield","params":{}},
        {"slug":"s0due","label":"Due","field_type":"duedatefield","params":{}},
        {"slug":"s0colour","label":"Colour","field_type":"singleselectfield",
         "params":{"choices":[{"value":"x1Y2","label":"Red"},{"value":"z3W4","label":"Blue"}]}},
        {"slug":"s0sizes","label":"Sizes","field_type":"multipleselectfield",
         "params":{"choices":[{"value":"aS","label":"Small"},{"value":"aM","label":"Medium"},{"value":"aL","label":"Large"}]}},
        {"slug":"s0tags","label":"Tags","field_type":"tagsfield",
         "params":{"choices":[{"value":"t1","label":"sale"}]}},
        {"slug":"status","label":"Status","field_type":"statusfield",
         "params":{"choices":[{"value":"backlog","label":"Draft"},{"value":"complete","label":"Published"}]}},
        {"slug":"s0cat","label":"Category","field_type":"linkedrecordfield","params":{"linked_application":"tblcat"}},
        {"slug":"s0imgs","label":"Images","field_type":"filefield","params":{}},
        {"slug":"s0live","label":"Live","field_type":"yesnofield","params":{}},
        {"slug":"s0email","label":"Email","field_type":"emailfield","params":{}},
        {"slug":"s0link","label":"Website","field_type":"linkfield","params":{}},
        {"slug":"s0phone","label":"Phone","field_type":"phonefield","params":{}},
        {"slug":"s0addr","label":"Address","field_type":"addressfield","params":{}},
        {"slug":"s0owner","label":"Owner","field_type":"userfield","params":{}},
        {"slug":"s0name","label":"Contact","field_type":"fullnamefield","params":{}},
        {"slug":"s0total","label":"Total","field_type":"formulafield","params":{}},
        {"slug":"s0count","label":"Variants","field_type":"countfield","params":{}},
        {"slug":"autonumber","label":"Auto Number","field_type":"autonumberfield","params":{}},
        {"slug":"first_created","label":"First Created","field_type":"firstcreatedfield","params":{}},
        {"slug":"last_updated","label":"Last Updated","field_type":"lastupdatedfield","params":{}},
        {"slug":"s0check","label":"Checklist","field_type":"checklistfield","params":{}}
       ]}
      """;

  /** A record as the list endpoint returns it. */
  private static final String RECORD =
      """
      {"id":"64b7c1d2e3f4a5b6c7d8e9f0","application_id":"64a1f0c2e4b0aa0001a1b2c3","title":"Ceramic Mug",
       "autonumber":42,"deleted_date":"",
       "first_created":{"by":"5f1a","on":"2024-03-01T09:15:00.123000Z"},
       "last_updated":{"by":"5f1a","on":"2024-05-02T10:20:30.456000Z"},
       "s0sku":"MUG-001",
       "s0notes":"Line one\\nLine two",
       "s0body":{"data":{"type":"doc","content":[]},"html":"<p>Hand <strong>glazed</strong></p>","preview":"Hand glazed"},
       "s0doc":{"data":{"type":"doc","content":[
          {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Care"}]},
          {"type":"paragraph","content":[{"type":"text","text":"Wash "},
             {"type":"text","text":"by hand","marks":[{"type":"bold"}]},{"type":"text","text":" <gently>"}]},
          {"type":"bullet_list","content":[{"type":"list_item","content":[{"type":"paragraph","content":[
             {"type":"text","text":"docs","marks":[{"type":"link","attrs":{"href":"https://ex.com/?a=1&b=2"}}]}]}]}]}
       ]},"html":"","preview":"Care"},
       "s0qty":"120",
       "s0price":"19.95",
       "s0margin":"37.5",
       "s0rating":4,
       "s0slider":70,
       "s0done":25,
       "s0launch":{"date":"2024-06-01T00:00:00Z","include_time":false},
       "s0event":{"date":"2024-06-01T14:30:00+02:00","include_time":true},
       "s0promo":{"from_date":{"date":"2024-06-01T00:00:00Z","include_time":false},
                  "to_date":{"date":"2024-06-15T18:00:00Z","include_time":true}},
       "s0due":{"from_date":{"date":null,"include_time":false},
                "to_date":{"date":"2024-07-01T00:00:00Z","include_time":false},
                "is_overdue":true,"status_is_completed":false},
       "s0colour":"z3W4",
       "s0sizes":["aS","aL"],
       "s0tags":["t1","t-unknown"],
       "status":{"value":"complete","updated_on":"2024-05-02T10:20:30Z"},
       "s0cat":["64c0ffee0000000000000001","64c0ffee0000000000000002"],
       "s0imgs":[{"handle":"hA1","metadata":{"filename":"mug.jpg","mimetype":"image/jpeg","size":52311},"file_type":"image"},
                 {"handle":"hGone","metadata":{"filename":"old.png","mimetype":"image/png","size":10},"file_type":"image"}],
       "s0live":true,
       "s0email":["sales@example.com"],
       "s0link":["https://example.com/mug","https://shop.example.com/mug"],
       "s0phone":[{"phone_country":"US","phone_number":"2125550143","phone_extension":"12","phone_type":1},
                  {"phone_country":"GB","phone_number":"+44 20 7946 0958","phone_extension":"","phone_type":2}],
       "s0addr":{"location_address":"1 Main St","location_address2":"Suite 4","location_city":"Springfield",
                 "location_state":"IL","location_zip":"62701","location_country":"United States",
                 "location_longitude":"-89.6","location_latitude":"39.8"},
       "s0owner":["5f1a0000000000000000abcd"],
       "s0name":{"title":"Dr.","first_name":"Ada","middle_name":"","last_name":"Lovelace","sys_root":"Dr. Ada Lovelace"},
       "s0total":"2394.00",
       "s0count":3,
       "s0check":{"items":[{"content":"box","completed":true}],"total_items":1,"completed_items":1}
      }
      """;

  private final List<String> fileLookups = new ArrayList<>();
  private final FileUrlResolver files =
      handle -> {
        fileLookups.add(handle);
        return Map.of("hA1", "https://files.example.com/s/hA1/mug.jpg").get(handle);
      };

  private RecordNormaliser.Result normalise(String record) throws Exception {
    SourceSchema schema = SchemaReader.read("tbl", JSON.readTree(TABLE));
    return new RecordNormaliser(schema, files).normalise((ObjectNode) JSON.readTree(record));
  }

  @Test
  void keepsIdTitleAndTextFieldsAsStrings() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("id").asText()).isEqualTo("64b7c1d2e3f4a5b6c7d8e9f0");
    assertThat(v.get("title").asText()).isEqualTo("Ceramic Mug");
    assertThat(v.get("s0sku").asText()).isEqualTo("MUG-001");
    assertThat(v.get("s0notes").asText()).isEqualTo("Line one\nLine two");
  }

  @Test
  void turnsNumbersWrittenAsStringsIntoExactDecimals() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("s0price").isBigDecimal()).isTrue();
    assertThat(v.get("s0price").decimalValue()).isEqualTo(new BigDecimal("19.95"));
    assertThat(v.get("s0qty").decimalValue()).isEqualByComparingTo("120");
    assertThat(v.get("s0margin").decimalValue()).isEqualTo(new BigDecimal("37.5"));
    assertThat(v.get("s0rating").decimalValue()).isEqualByComparingTo("4");
    assertThat(v.get("s0slider").decimalValue()).isEqualByComparingTo("70");
    assertThat(v.get("s0done").decimalValue()).isEqualByComparingTo("25");
    assertThat(v.get("s0count").decimalValue()).isEqualByComparingTo("3");
    assertThat(v.get("autonumber").decimalValue()).isEqualByComparingTo("42");
  }

  @Test
  void writesDatesAsIsoDatesOrInstantsByIncludeTime() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("s0launch").asText()).isEqualTo("2024-06-01");
    assertThat(v.get("s0event").asText()).isEqualTo("2024-06-01T12:30:00Z");
    assertThat(v.get("s0promo").get("from").asText()).isEqualTo("2024-06-01");
    assertThat(v.get("s0promo").get("to").asText()).isEqualTo("2024-06-15T18:00:00Z");
    assertThat(v.get("s0due").get("from").isNull()).isTrue();
    assertThat(v.get("s0due").get("to").asText()).isEqualTo("2024-07-01");
    assertThat(v.get("s0due").get("is_overdue").asBoolean()).isTrue();
    assertThat(v.get("first_created").asText()).isEqualTo("2024-03-01T09:15:00.123Z");
    assertThat(v.get("last_updated").asText()).isEqualTo("2024-05-02T10:20:30.456Z");
  }

  @Test
  void usesHtmlOfRichTextAndRendersTheDocumentWhenHtmlIsMissing() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("s0body").asText()).isEqualTo("<p>Hand <strong>glazed</strong></p>");
    assertThat(v.get("s0doc").asText())
        .isEqualTo(
            "<h2>Care</h2><p>Wash <strong>by hand</strong> &lt;gently&gt;</p>"
                + "<ul><li><p><a href=\"https://ex.com/?a=1&amp;b=2\">docs</a></p></li></ul>");
  }

  @Test
  void turnsChoiceIdsIntoLabelsAndKeepsUnknownIdsWithAWarning() throws Exception {
    RecordNormaliser.Result r = normalise(RECORD);
    JsonNode v = r.values();
    assertThat(v.get("s0colour").asText()).isEqualTo("Blue");
    assertThat(v.get("s0sizes")).extracting(JsonNode::asText).containsExactly("Small", "Large");
    assertThat(v.get("s0tags")).extracting(JsonNode::asText).containsExactly("sale", "t-unknown");
    assertThat(v.get("status").asText()).isEqualTo("Published");
    assertThat(r.warnings()).anyMatch(w -> w.contains("s0tags") && w.contains("t-unknown"));
  }

  @Test
  void keepsLinkedRecordAndMemberIdsAsArrays() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("s0cat"))
        .extracting(JsonNode::asText)
        .containsExactly("64c0ffee0000000000000001", "64c0ffee0000000000000002");
    assertThat(v.get("s0owner"))
        .extracting(JsonNode::asText)
        .containsExactly("5f1a0000000000000000abcd");
  }

  @Test
  void turnsFilesIntoPublicUrlsAndDropsFilesThatAreGone() throws Exception {
    RecordNormaliser.Result r = normalise(RECORD);
    // The handle and size identify the file; the signed URL changes (smartsuite-api.md, filefield).
    assertThat(r.values().get("s0imgs").toString())
        .isEqualTo(
            "["
                + "{\"url\":\"https://files.example.com/s/hA1/mug.jpg\",\"id\":\"hA1\","
                + "\"size\":52311,\"name\":\"mug.jpg\",\"mimetype\":\"image/jpeg\"}"
                + "]");
    assertThat(fileLookups).containsExactly("hA1", "hGone");
    assertThat(r.warnings()).anyMatch(w -> w.contains("s0imgs"));
  }

  @Test
  void formatsYesNoEmailsLinksPhonesAddressesAndNames() throws Exception {
    JsonNode v = normalise(RECORD).values();
    assertThat(v.get("s0live").asBoolean()).isTrue();
    assertThat(v.get("s0email")).extracting(JsonNode::asText).containsExactly("sales@example.com");
    assertThat(v.get("s0link"))
        .extracting(JsonNode::asText)
        .containsExactly("https://example.com/mug", "https://shop.example.com/mug");
    assertThat(v.get("s0phone"))
        .extracting(JsonNode::asText)
        .containsExactly("+1 2125550143 ext. 12", "+44 20 7946 0958");
    assertThat(v.get("s0addr").asText())
        .isEqualTo("1 Main St, Suite 4, Springfield, IL 62701, United States");
    assertThat(v.get("s0name").asText()).isEqualTo("Dr. Ada Lovelace");
  }

  @Test
  void passesFormulaValuesThroughAndUnknownTypesRawWithAWarning() throws Exception {
    RecordNormaliser.Result r = normalise(RECORD);
    assertThat(r.values().get("s0total").asText()).isEqualTo("2394.00");
    assertThat(r.values().get("s0check").get("total_items").asInt()).isEqualTo(1);
    assertThat(r.warnings()).anyMatch(w -> w.contains("s0check") && w.contains("checklistfield"));
    assertThat(r.warnings()).noneMatch(w -> w.contains("s0total"));
  }

  @Test
  void givesEveryLeftOutKeyTheEmptyValueOfItsType() throws Exception {
    RecordNormaliser.Result r =
        normalise(
            "{\"id\":\"r1\",\"application_id\":\"tbl\",\"last_updated\":{\"on\":\"2024-01-01T00:00:00Z\"}}");
    JsonNode v = r.values();
    assertThat(v.get("title").asText()).isEmpty();
    assertThat(v.get("s0sku").asText()).isEmpty();
    assertThat(v.get("s0body").asText()).isEmpty();
    assertThat(v.get("s0addr").asText()).isEmpty();
    assertThat(v.get("s0price").isNull()).isTrue();
    assertThat(v.get("s0launch").isNull()).isTrue();
    assertThat(v.get("s0promo").get("from").isNull()).isTrue();
    assertThat(v.get("s0colour").isNull()).isTrue();
    assertThat(v.get("status").isNull()).isTrue();
    assertThat(v.get("s0sizes").isArray() && v.get("s0sizes").isEmpty()).isTrue();
    assertThat(v.get("s0cat").isEmpty()).isTrue();
    assertThat(v.get("s0imgs").isEmpty()).isTrue();
    assertThat(v.get("s0email").isEmpty()).isTrue();
    assertThat(v.get("s0phone").isEmpty()).isTrue();
    assertThat(v.get("s0live").asBoolean(true)).isFalse();
    assertThat(fileLookups).isEmpty();
  }

  @Test
  void passesKeysMissingFromTheSchemaThroughWithAWarning() throws Exception {
    RecordNormaliser.Result r =
        normalise("{\"id\":\"r1\",\"title\":\"x\",\"s9new\":\"fresh field\"}");
    assertThat(r.values().get("s9new").asText()).isEqualTo("fresh field");
    assertThat(r.warnings()).anyMatch(w -> w.contains("s9new"));
  }

  @Test
  void aFileKeepsItsIdentityWhenItsSignedUrlChanges() throws Exception {
    String record =
        "{\"id\":\"r1\",\"title\":\"x\",\"s0imgs\":[{\"handle\":\"hA1\","
            + "\"metadata\":{\"filename\":\"mug.jpg\",\"size\":\"52311\"}}]}";
    SourceSchema schema = SchemaReader.read("tbl", JSON.readTree(TABLE));
    JsonNode before =
        new RecordNormaliser(schema, h -> "https://files.example.com/s/" + h + "?sig=1")
            .normalise((ObjectNode) JSON.readTree(record))
            .values()
            .get("s0imgs")
            .get(0);
    JsonNode after =
        new RecordNormaliser(schema, h -> "https://files.example.com/s/" + h + "?sig=2")
            .normalise((ObjectNode) JSON.readTree(record))
            .values()
            .get("s0imgs")
            .get(0);

    assertThat(before.get("url")).isNotEqualTo(after.get("url"));
    assertThat(dev.syncengine.core.model.FileValues.sourceIdentity(before))
        .isEqualTo(dev.syncengine.core.model.FileValues.sourceIdentity(after))
        .isEqualTo("hA1:52311");
  }
}
