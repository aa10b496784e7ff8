package dev.syncengine.core.mapping;

import static dev.syncengine.core.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Direction per field and the derived reverse of direct rules (docs/mapping.md, two-way). */
class ReverseMappingTest {
  private static final DefaultMappingCompiler COMPILER = DefaultMappingCompiler.ofDefaults();

  /**
   * Every invertible kind pair: SmartSuite type (and params), Webflow type (and validations), the
   * rule's extra keys, and Webflow values that must survive forward(reverse(x)) == x.
   */
  static Stream<Arguments> invertiblePairs() {
    String choices = "{'choices':[{'value':'c1','label':'Red'},{'value':'c2','label':'Blue'}]}";
    String options = "{'options':[{'id':'o1','name':'Red'},{'id':'o2','name':'blue'}]}";
    return Stream.of(
        pair("textfield", "{}", "PlainText", "{}", "{}", "'Hello'", "'Crème brûlée'", "null"),
        pair("textareafield", "{}", "PlainText", "{}", "{}", "'two\\nlines'"),
        pair("numberfield", "{}", "Number", "{}", "{}", "19.95", "0", "-3", "1e3", "null"),
        pair("currencyfield", "{}", "Number", "{}", "{'post':'round(2)'}", "19.96"),
        pair("yesnofield", "{}", "Switch", "{}", "{}", "true", "false"),
        pair("singleselectfield", choices, "Option", options, "{}", "'o1'", "'o2'", "null"),
        pair(
            "singleselectfield",
            "{'choices':[{'value':'g','label':'Gear'},{'value':'t','label':'Tea'}]}",
            "Option",
            "{'options':[{'id':'o9','name':'Accessories'},{'id':'o8','name':'Tea'}]}",
            "{'options':{'Gear':'Accessories'}}",
            "'o9'",
            "'o8'"),
        pair(
            "datefield",
            "{}",
            "DateTime",
            "{}",
            "{}",
            "'2025-04-01T00:00:00.000Z'",
            "'2025-04-01T13:45:00.000Z'"),
        pair("textfield", "{}", "Link", "{}", "{}", "'https://example.com/x'"),
        pair("textfield", "{}", "Email", "{}", "{}", "'a@b.example'"),
        pair("textfield", "{}", "Phone", "{}", "{}", "'+1 415 555 0134'"),
        pair("emailfield", "{}", "Email", "{}", "{}", "'shop@example.com'"),
        pair("linkfield", "{}", "Link", "{}", "{}", "'https://leaf.example/'"),
        pair("phonefield", "{}", "Phone", "{}", "{}", "'+44 20 7946 0958'"),
        pair("textfield", "{}", "PlainText", "{}", "{'post':['trim','uppercase']}", "'SKU-1'"));
  }

  private static Arguments pair(
      String sourceType,
      String params,
      String targetType,
      String validations,
      String rule,
      String... values) {
    return Arguments.of(sourceType, params, targetType, validations, rule, List.of(values));
  }

  @ParameterizedTest(name = "{0} <-> {2} {4}")
  @MethodSource("invertiblePairs")
  void everyInvertiblePairRoundTrips(
      String sourceType,
      String params,
      String targetType,
      String validations,
      String rule,
      List<String> values)
      throws Exception {
    ObjectNode spec = (ObjectNode) json(rule);
    spec.put("source", "Field").put("owner", "webflow");
    CompiledMapping mapping =
        COMPILER.compile(
            document(spec), source(sourceType, params), target(targetType, validations));
    FieldDirection dir = mapping.reverse().directions().get(1);
    assertThat(dir.field()).isEqualTo("f");
    assertThat(dir.invertible()).isTrue();
    assertThat(dir.owner()).isEqualTo(FieldOwner.TARGET);

    for (String text : values) {
      JsonNode x = json(text);
      ObjectNode fieldData = (ObjectNode) json("{'name':'Item'}");
      fieldData.set("f", x);
      ReverseResult r = mapping.reverse().reverse(fieldData, null);
      assertThat(r.errors()).as(text).isEmpty();
      assertThat(r.values()).containsOnlyKeys("s_f"); // the name is SmartSuite's, not ours
      ObjectNode record = (ObjectNode) json("{'title':'Item'}");
      record.set("s_f", r.values().get("s_f"));
      JsonNode back =
          mapping
              .map(new SourceRecord("r1", Instant.EPOCH, record), MappingContext.NONE)
              .fieldData()
              .get("f");
      assertSame(back, x, text);
    }
  }

  @Test
  void reverseValuesAreInTheSourcesNormalisedShapes() throws Exception {
    CompiledMapping mapping =
        COMPILER.compile(
            document((ObjectNode) json("{'source':'Field','owner':'both'}")),
            source("singleselectfield", "{'choices':[{'value':'c1','label':'Red'}]}"),
            target("Option", "{'options':[{'id':'o1','name':'RED'}]}"));
    ReverseResult r = mapping.reverse().reverse(json("{'f':'o1'}"), null);
    assertThat(r.values().get("s_f").asText()).isEqualTo("Red"); // the label, as the source reads
    CompiledMapping date =
        COMPILER.compile(
            document((ObjectNode) json("{'source':'Field','owner':'webflow'}")),
            source("datefield", "{}"),
            target("DateTime", "{}"));
    assertThat(
            date.reverse()
                .reverse(json("{'f':'2025-04-01T00:00:00.000Z'}"), null)
                .values()
                .get("s_f"))
        .isEqualTo(json("{'date':'2025-04-01T00:00:00Z','include_time':false}"));
    CompiledMapping email =
        COMPILER.compile(
            document((ObjectNode) json("{'source':'Field','owner':'webflow'}")),
            source("emailfield", "{}"),
            target("Email", "{}"));
    assertThat(email.reverse().reverse(json("{'f':'a@b.example'}"), null).values().get("s_f"))
        .isEqualTo(json("['a@b.example']"));
  }

  @Test
  void onlyOwnedFieldsThatChangedSinceTheSnapshotComeBack() throws Exception {
    JsonNode doc =
        json(
            "{'fields':{'name':{'source':'title','owner':'both'},"
                + "'f':{'source':'Field','owner':'webflow'},"
                + "'g':{'source':'Other'},"
                + "'h':{'source':'Third','owner':'smartsuite'}}}");
    SourceSchema s =
        Fixtures.sourceSchema(
            json(
                "{'id':'t','name':'T','primary_field':'title','structure':["
                    + "{'slug':'title','label':'Title','field_type':'recordtitlefield','params':{}},"
                    + "{'slug':'s_f','label':'Field','field_type':'textfield','params':{}},"
                    + "{'slug':'s_g','label':'Other','field_type':'textfield','params':{}},"
                    + "{'slug':'s_h','label':'Third','field_type':'textfield','params':{}}]}"));
    TargetSchema t =
        Fixtures.targetSchema(
            json(
                "{'id':'c','displayName':'C','fields':["
                    + "{'slug':'name','type':'PlainText','isRequired':true},{'slug':'slug','type':'PlainText'},"
                    + "{'slug':'f','type':'PlainText'},{'slug':'g','type':'PlainText'},{'slug':'h','type':'PlainText'}]}"));
    CompiledMapping mapping = COMPILER.compile(doc, s, t);

    JsonNode previous = json("{'name':'Mug','f':'old','g':'old','h':'old'}");
    ReverseResult r =
        mapping.reverse().reverse(json("{'name':'Mug','f':'new','g':'new','h':'new'}"), previous);
    assertThat(r.values()).containsOnlyKeys("s_f"); // name unchanged; g and h owned by SmartSuite
    assertThat(r.values().get("s_f").asText()).isEqualTo("new");
    assertThat(mapping.reverse().reverse(previous, previous).isEmpty()).isTrue();
    assertThat(mapping.reverse().directions())
        .extracting(FieldDirection::field, FieldDirection::owner)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("name", FieldOwner.BOTH),
            org.assertj.core.groups.Tuple.tuple("f", FieldOwner.TARGET),
            org.assertj.core.groups.Tuple.tuple("g", FieldOwner.SOURCE),
            org.assertj.core.groups.Tuple.tuple("h", FieldOwner.SOURCE));
  }

  @Test
  void aValueTheForwardRuleWouldChangeIsLeftOutWithAnErrorNotWritten() throws Exception {
    CompiledMapping mapping =
        COMPILER.compile(
            document((ObjectNode) json("{'source':'Field','owner':'webflow','post':'uppercase'}")),
            source("textfield", "{}"),
            target("PlainText", "{}"));
    ReverseResult r = mapping.reverse().reverse(json("{'f':'abc'}"), null);
    assertThat(r.values()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .asString()
        .contains("field 'f' (PlainText)")
        .contains("\"abc\" would come back as \"ABC\"");
    CompiledMapping option =
        COMPILER.compile(
            document((ObjectNode) json("{'source':'Field','owner':'webflow'}")),
            source("singleselectfield", "{'choices':[{'value':'c1','label':'Red'}]}"),
            target("Option", "{'options':[{'id':'o1','name':'Red'},{'id':'o2','name':'Green'}]}"));
    assertThat(option.reverse().reverse(json("{'f':'o2'}"), null).errors())
        .singleElement()
        .asString()
        .contains("option 'Green' matches no choice of source 'Field'");
  }

  static Stream<Arguments> oneWayRules() {
    return Stream.of(
        Arguments.of(
            "{'rule':'jsonata','expression':'$uppercase(Field)','owner':'webflow'}",
            "a jsonata rule cannot be inverted"),
        Arguments.of(
            "{'template':'{{Field}} x','owner':'both'}", "a template rule cannot be inverted"),
        Arguments.of("{'value':'fixed','owner':'target'}", "a constant rule cannot be inverted"),
        Arguments.of(
            "{'source':'Field','post':'kebab','owner':'webflow'}",
            "post-transform kebab cannot be inverted"),
        Arguments.of("{'source':'id','owner':'webflow'}", "the record id cannot be written"));
  }

  @ParameterizedTest
  @MethodSource("oneWayRules")
  void aRuleWithoutInverseCannotBeOwnedByWebflow(String rule, String reason) {
    JsonNode doc = document((ObjectNode) json(rule));
    List<Problem> problems =
        COMPILER.validate(doc, source("textfield", "{}"), target("PlainText", "{}"));
    assertThat(problems)
        .filteredOn(Problem::error)
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("f"))
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("field 'f' cannot be owned by")
                    .contains(reason)
                    .contains("\"owner\": \"smartsuite\""));
    // one-way, the same rule is fine, and the editor learns why it stays one-way
    ((ObjectNode) doc.path("fields").path("f")).remove("owner");
    assertThat(COMPILER.validate(doc, source("textfield", "{}"), target("PlainText", "{}")))
        .noneMatch(Problem::error);
    FieldDirection dir =
        COMPILER.directions(doc, source("textfield", "{}"), target("PlainText", "{}")).get(1);
    assertThat(dir.invertible()).isFalse();
    assertThat(dir.owner()).isEqualTo(FieldOwner.SOURCE);
    assertThat(dir.reason()).contains(reason);
  }

  @Test
  void aReferenceRuleIsOneWayAndAnUnknownOwnerOrTwoWritersOfOneFieldAreErrors() {
    SourceSchema s =
        Fixtures.sourceSchema(
            json(
                "{'id':'t','name':'T','primary_field':'title','structure':["
                    + "{'slug':'s_f','label':'Field','field_type':'textfield','params':{}},"
                    + "{'slug':'s_l','label':'Link','field_type':'linkedrecordfield','params':{'linked_application':'t2'}}]}"));
    TargetSchema t =
        Fixtures.targetSchema(
            json(
                "{'id':'c','displayName':'C','fields':["
                    + "{'slug':'name','type':'PlainText','isRequired':true},{'slug':'slug','type':'PlainText'},"
                    + "{'slug':'f','type':'PlainText'},{'slug':'g','type':'PlainText'},"
                    + "{'slug':'r','type':'Reference','validations':{'collectionId':'c2'}}]}"));
    List<Problem> problems =
        COMPILER.validate(
            json(
                "{'fields':{'f':{'source':'Field','owner':'webflow'},'g':{'source':'Field','owner':'both'},"
                    + "'r':{'rule':'reference','source':'Link','owner':'webflow'},"
                    + "'name':{'source':'title','owner':'everyone'}}}"),
            s,
            t);
    assertThat(problems)
        .filteredOn(Problem::error)
        .extracting(Problem::field, Problem::message)
        .hasSize(3);
    assertThat(problems)
        .filteredOn(p -> "r".equals(p.field()))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("a reference rule cannot be inverted"));
    assertThat(problems)
        .filteredOn(p -> "g".equals(p.field()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("'f' and 'g' would both write back source field 'Field'"));
    assertThat(problems)
        .filteredOn(p -> "name".equals(p.field()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("\"owner\" must be \"smartsuite\", \"webflow\" or \"both\""));
  }

  private static void assertSame(JsonNode back, JsonNode x, String what) {
    if (x.isNumber()) {
      assertThat(new BigDecimal(back.asText())).as(what).isEqualByComparingTo(x.decimalValue());
    } else if (x.isNull() || (x.isBoolean() && !x.booleanValue())) {
      assertThat(back.isNull() || (back.isBoolean() && !back.booleanValue()))
          .as(what + " -> " + back)
          .isTrue();
    } else {
      assertThat(back).as(what).isEqualTo(x);
    }
  }

  private static JsonNode document(ObjectNode rule) {
    ObjectNode doc = (ObjectNode) json("{'fields':{}}");
    ((ObjectNode) doc.get("fields")).set("f", rule);
    return doc;
  }

  private static SourceSchema source(String type, String params) {
    ObjectNode table =
        (ObjectNode) json("{'id':'t','name':'T','primary_field':'title','structure':[]}");
    ArrayNode structure = (ArrayNode) table.get("structure");
    structure.add(
        json("{'slug':'title','label':'Title','field_type':'recordtitlefield','params':{}}"));
    ObjectNode f =
        structure.addObject().put("slug", "s_f").put("label", "Field").put("field_type", type);
    f.set("params", json(params));
    return Fixtures.sourceSchema(table);
  }

  private static TargetSchema target(String type, String validations) {
    ObjectNode c =
        (ObjectNode)
            json(
                "{'id':'c','displayName':'C','fields':[{'slug':'name','type':'PlainText','isRequired':true},"
                    + "{'slug':'slug','type':'PlainText'}]}");
    ObjectNode f = ((ArrayNode) c.get("fields")).addObject().put("slug", "f").put("type", type);
    f.set("validations", json(validations));
    return Fixtures.targetSchema(c);
  }
}
