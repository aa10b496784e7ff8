package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every transform, table-driven, used the three ways a mapping can use it: in a template, as a
 * post-transform, and as a JSONata function. All three must agree.
 */
class TransformTest {
  private static final SourceSchema SOURCE =
      new SourceSchema(
          "t1",
          "Things",
          "title",
          List.of(
              new SourceField("title", "Title", "textfield", SourceKind.TEXT, Fixtures.json("{}")),
              new SourceField("s1", "Value", "textfield", SourceKind.TEXT, Fixtures.json("{}"))));
  private static final TargetSchema TARGET =
      new TargetSchema(
          "c1",
          "Things",
          List.of(
              new TargetField(
                  "f1",
                  "name",
                  "Name",
                  "PlainText",
                  TargetKind.TEXT,
                  true,
                  true,
                  Fixtures.json("{}")),
              new TargetField(
                  "f2",
                  "out",
                  "Out",
                  "PlainText",
                  TargetKind.TEXT,
                  false,
                  true,
                  Fixtures.json("{}"))));

  // value | call as written in a template (x = the value) | expected text
  @ParameterizedTest(name = "{1} of {0} is {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          Crème brûlée         | uppercase(x)                     | CRÈME BRÛLÉE
          Crème BRÛLÉE         | lowercase(x)                     | crème brûlée
          the HITCHHIKER's guide | title(x)                      | The Hitchhiker's Guide
          Unit price (USD)     | camel(x)                         | unitPriceUsd
          unit price usd       | pascal(x)                        | UnitPriceUsd
          Crème Brûlée Tea     | snake(x)                         | creme_brulee_tea
          Crème Brûlée Tea     | kebab(x)                         | creme-brulee-tea
          "  padded  "         | trim(x)                          | padded
          A long description   | truncate(x, 6)                   | A long
          A long description   | truncate(x, 8, '…')              | A long…
          short                | truncate(x, 10, '…')             | short
          a b&c/é              | urlencode(x)                     | a%20b%26c%2F%C3%A9
          19.955               | round(x, 2)                      | 19.96
          2.5                  | round(x)                         | 3
          -2.5                 | round(x)                         | -3
          19.99                | floor(x)                         | 19
          -19.01               | floor(x)                         | -20
          19.01                | ceil(x)                          | 20
          19.011               | ceil(x, 2)                       | 19.02
          2025-04-01           | formatDate(x, 'd MMM yyyy')      | 1 Apr 2025
          2025-04-01T23:30:00Z | formatDate(x, 'yyyy-MM-dd HH:mm', 'Europe/Berlin') | 2025-04-02 01:30
          2025-04-01           | formatDate(x, 'yyyy-MM-dd', 'America/New_York') | 2025-04-01
          """)
  void transformsAgreeInTemplatesPostTransformsAndJsonata(
      String value, String call, String expected) throws Exception {
    String name = call.substring(0, call.indexOf('('));
    String args =
        call.substring(call.indexOf('(') + 1, call.length() - 1).replaceFirst("^x,? ?", "");

    String template = "{{" + call.replace("(x", "(Value") + "}}";
    String post = args.isEmpty() ? name : name + "(" + args + ")";
    String jsonata = "$" + name + "(Value" + (args.isEmpty() ? "" : ", " + args) + ")";

    assertThat(text(mapWith(rule("template", "template", template), value)))
        .as("template %s", template)
        .isEqualTo(expected);
    assertThat(text(mapWith(rule("direct", "post", post).put("source", "Value"), value)))
        .as("post-transform %s", post)
        .isEqualTo(expected);
    assertThat(text(mapWith(rule("jsonata", "expression", jsonata), value)))
        .as("jsonata %s", jsonata)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          round(x)             | not a number                           | abc
          round(x)             | not a number                           | 1e9999999
          round(x)             | not a number                           | 1e2147483647
          truncate(x, -1)      | truncate length must not be negative   | abc
          formatDate(x, 'yyyy') | is not a date                         | someday
          """)
  void transformsRejectValuesTheyCannotHandleWithAReason(String call, String reason, String value) {
    String template = "{{" + call.replace("(x", "(Value") + "}}";
    assertThatThrownBy(() -> mapWith(rule("template", "template", template), value))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("field 'out' (PlainText)")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"uppercase", "kebab", "truncate(3)", "round(2)", "formatDate('yyyy')"})
  void transformsLeaveEmptyValuesEmpty(String post) throws Exception {
    MappedItem item =
        DefaultMappingCompiler.ofDefaults()
            .compile(document(rule("direct", "post", post).put("source", "Value")), SOURCE, TARGET)
            .map(Fixtures.record("r1", "{'title': 'T'}"), MappingContext.NONE);
    assertThat(item.fieldData().get("out").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"uppercase(x)", "kebab(x)"})
  void transformsMapArraysElementByElement(String call) throws Exception {
    String jsonata = "$join($" + call.replace("(x", "(Value") + ", '|')";
    assertThat(
            text(
                mapWith(
                    rule("jsonata", "expression", jsonata),
                    Fixtures.json("['Green Tea', 'Black Tea']"))))
        .isEqualTo(call.startsWith("upper") ? "GREEN TEA|BLACK TEA" : "green-tea|black-tea");
  }

  private static ObjectNode rule(String kind, String key, String value) {
    ObjectNode rule = Fixtures.JSON.createObjectNode().put("rule", kind);
    rule.put(key, value);
    return rule;
  }

  private static ObjectNode document(ObjectNode rule) {
    ObjectNode doc = Fixtures.JSON.createObjectNode();
    doc.putObject("fields").set("out", rule);
    return doc;
  }

  private static JsonNode mapWith(ObjectNode rule, String value) throws Exception {
    return mapWith(rule, Fixtures.JSON.getNodeFactory().textNode(value));
  }

  private static JsonNode mapWith(ObjectNode rule, JsonNode value) throws Exception {
    CompiledMapping m = DefaultMappingCompiler.ofDefaults().compile(document(rule), SOURCE, TARGET);
    ObjectNode values = Fixtures.JSON.createObjectNode().put("title", "T");
    values.set("s1", value);
    return m.map(new SourceRecord("r1", Instant.EPOCH, values), MappingContext.NONE)
        .fieldData()
        .get("out");
  }

  private static String text(JsonNode n) {
    return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
  }
}
