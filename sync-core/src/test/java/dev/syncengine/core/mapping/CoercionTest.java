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
 * Coercion to every Webflow field type, table-driven: the value a rule produced (JSON, single
 * quotes for readability), the field's validations, and the {@code fieldData} value or the error.
 */
class CoercionTest {
  private static final SourceSchema SOURCE =
      new SourceSchema(
          "t1",
          "Things",
          "title",
          List.of(
              new SourceField(
                  "s1", "Value", "formulafield", SourceKind.COMPUTED, Fixtures.json("{}"))));

  @ParameterizedTest(name = "{0} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          PlainText      | {}                               | 'Green tea'                   | 'Green tea'
          PlainText      | {}                               | 19.95                         | '19.95'
          PlainText      | {}                               | ['Organic', 'Fair Trade']     | 'Organic, Fair Trade'
          PlainText      | {}                               | {'date': '2025-04-01T00:00:00Z', 'include_time': false} | '2025-04-01'
          PlainText      | {'maxLength': 5}                 | 'Oolong tea'                  | 'Oolon'
          PlainText      | {'singleLine': true}             | 'line one\\nline two'         | 'line one line two'
          RichText       | {}                               | '<p>Hi <b>there</b></p>'      | '<p>Hi <b>there</b></p>'
          RichText       | {}                               | 'Tom & Jerry <3\\nsecond\\n\\nnext' | '<p>Tom &amp; Jerry &lt;3<br>second</p><p>next</p>'
          RichText       | {}                               | {'html': '<h2>T</h2>', 'data': {}} | '<h2>T</h2>'
          Number         | {}                               | '19.95'                       | 19.95
          Number         | {}                               | ' -42 '                       | -42
          Number         | {}                               | 1e3                           | 1000
          Number         | {'precision': 1}                 | '2.25'                        | 2.3
          Number         | {'format': 'integer'}            | '12.0'                        | 12
          Switch         | {}                               | true                          | true
          Switch         | {}                               | 'Yes'                         | true
          Switch         | {}                               | 'no'                          | false
          Switch         | {}                               | 1                             | true
          Switch         | {}                               | '0'                           | false
          DateTime       | {}                               | {'date': '2025-04-01T00:00:00Z', 'include_time': false} | '2025-04-01T00:00:00.000Z'
          DateTime       | {}                               | {'date': '2025-03-31T22:00:00-05:00', 'include_time': false} | '2025-03-31T00:00:00.000Z'
          DateTime       | {}                               | {'date': '2025-04-01T14:30:00+02:00', 'include_time': true} | '2025-04-01T12:30:00.000Z'
          DateTime       | {}                               | '2025-04-01'                  | '2025-04-01T00:00:00.000Z'
          DateTime       | {}                               | '2025-04-01T09:15:00'         | '2025-04-01T09:15:00.000Z'
          DateTime       | {}                               | {'from_date': {'date': '2025-05-01T00:00:00Z', 'include_time': false}, 'to_date': {'date': '2025-05-03T00:00:00Z', 'include_time': false}} | '2025-05-01T00:00:00.000Z'
          DateTime       | {}                               | 1743465600000                 | '2025-04-01T00:00:00.000Z'
          Option         | {'options': [{'id': 'o1', 'name': 'Tea'}, {'id': 'o2', 'name': 'Coffee'}]} | 'Coffee'   | 'o2'
          Option         | {'options': [{'id': 'o1', 'name': 'Tea'}, {'id': 'o2', 'name': 'Coffee'}]} | ' coffee ' | 'o2'
          Option         | {'options': [{'id': 'o1', 'name': 'Tea'}, {'id': 'o2', 'name': 'Coffee'}]} | 'o1'       | 'o1'
          Reference      | {'collectionId': 'c9'}           | ['66aa00000000000000000001']  | '66aa00000000000000000001'
          MultiReference | {'collectionId': 'c9'}           | ['i1', 'i2', 'i1']            | ['i1', 'i2']
          Image          | {}                               | [{'url': 'https://x.example/a.png', 'alt': 'A', 'filename': 'a.png'}] | {'url': 'https://x.example/a.png', 'alt': 'A'}
          Image          | {}                               | 'https://x.example/a.png'     | {'url': 'https://x.example/a.png'}
          File           | {}                               | [{'url': 'https://x.example/spec.pdf', 'filename': 'spec.pdf'}] | {'url': 'https://x.example/spec.pdf'}
          MultiImage     | {}                               | [{'url': 'https://x.example/a.png'}, 'https://x.example/b.png'] | [{'url': 'https://x.example/a.png'}, {'url': 'https://x.example/b.png'}]
          Link           | {}                               | ['https://leafandcup.example/tea', 'https://other.example'] | 'https://leafandcup.example/tea'
          Link           | {}                               | 'leafandcup.example/tea'      | 'https://leafandcup.example/tea'
          Link           | {}                               | 'mailto:hi@leafandcup.example' | 'mailto:hi@leafandcup.example'
          Link           | {}                               | ['hi@leafandcup.example']     | 'mailto:hi@leafandcup.example'
          Email          | {}                               | ['orders@leafandcup.example', 'b@x.example'] | 'orders@leafandcup.example'
          Phone          | {}                               | ['+1 (415) 555-0134']         | '+1 (415) 555-0134'
          Phone          | {}                               | [{'phone_country': 'GB', 'phone_number': '020 7946 0958'}] | '020 7946 0958'
          Color          | {}                               | '#C8A165'                     | '#C8A165'
          Color          | {}                               | 'c8a165'                      | '#c8a165'
          Color          | {}                               | 'rgba(10, 20, 30, 0.5)'       | 'rgba(10, 20, 30, 0.5)'
          Color          | {}                               | 'hsl(120, 50%, 40%)'          | 'hsl(120, 50%, 40%)'
          Color          | {}                               | 'RebeccaPurple'               | 'rebeccapurple'
          Color          | {}                               | {'value': '#fff', 'name': 'White'} | '#fff'
          VideoLink      | {}                               | ['https://vimeo.com/76979871'] | 'https://vimeo.com/76979871'
          VideoLink      | {}                               | ['vimeo.com/76979871']        | 'https://vimeo.com/76979871'
          PlainText      | {}                               | {'from_date': {'date': '2025-05-01T00:00:00Z', 'include_time': false}, 'to_date': {'date': '2025-05-03T00:00:00Z', 'include_time': false}} | '2025-05-01 – 2025-05-03'
          RichText       | {}                               | {'from_date': {'date': '2025-05-01T00:00:00Z', 'include_time': false}, 'to_date': {'date': '2025-05-03T00:00:00Z', 'include_time': false}} | '<p>2025-05-01 – 2025-05-03</p>'
          """)
  void coercesValuesToTheFieldType(String type, String validations, String input, String expected)
      throws Exception {
    JsonNode out = map(type, validations, false, input);
    assertThat(Fixtures.canonical(out)).isEqualTo(Fixtures.canonical(Fixtures.json(expected)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          PlainText      | {'minLength': 5}       | 'abc'                        | cannot use "abc" as PlainText: shorter than the minimum of 5 characters
          PlainText      | {}                     | {'a': 1}                     | cannot use {"a":1} as PlainText
          RichText       | {}                     | {'a': 1}                     | cannot use {"a":1} as RichText
          Number         | {}                     | 'nineteen'                   | cannot use "nineteen" as Number: not a number
          Number         | {}                     | '$19.95'                     | cannot use "$19.95" as Number: not a number
          Number         | {}                     | true                         | cannot use true as Number: not a number
          Number         | {}                     | '1e2147483647'               | cannot use "1e2147483647" as Number: not a number
          Number         | {}                     | '1e400'                      | cannot use "1e400" as Number: not a number
          Number         | {'format': 'integer'}  | '2.5'                        | cannot use "2.5" as Number: the field takes whole numbers only
          Number         | {'allowNegative': false} | '-1'                       | the field does not allow negative numbers
          Number         | {'allowZero': false}   | 0                            | the field does not allow zero
          Number         | {'minValue': 1, 'maxValue': 5} | 6                    | above the maximum of 5
          Number         | {'minValue': 1, 'maxValue': 5} | 0                    | below the minimum of 1
          Switch         | {}                     | 'maybe'                      | cannot use "maybe" as Switch: expected true/false, yes/no or 1/0
          Switch         | {}                     | 2                            | cannot use 2 as Switch
          DateTime       | {}                     | 'next Tuesday'               | cannot use "next Tuesday" as DateTime: expected an ISO 8601 date
          DateTime       | {}                     | '2025-13-45'                 | cannot use "2025-13-45" as DateTime
          Option         | {'options': [{'id': 'o1', 'name': 'Tea'}, {'id': 'o2', 'name': 'Coffee'}]} | 'Cocoa' | 'Cocoa' is not an option of this field; allowed: Tea, Coffee
          Reference      | {}                     | 42                           | cannot use 42 as Reference: expected a Webflow item id
          MultiReference | {}                     | [{'id': 1}]                  | cannot use {"id":1} as MultiReference
          Image          | {}                     | 'not a url'                  | cannot use "not a url" as Image: the URL must be a public http(s) address
          Image          | {}                     | [{'handle': 'h1'}]           | cannot use {"handle":"h1"} as Image: expected a file {url, alt} or a URL
          File           | {}                     | 'ftp://x.example/a.pdf'      | cannot use "ftp://x.example/a.pdf" as File
          MultiImage     | {}                     | ['https://x.example/a.png', 'nope'] | cannot use "nope" as MultiImage
          Link           | {}                     | 'not a link'                 | cannot use "not a link" as Link: expected an http(s) URL
          Email          | {}                     | ['orders at leafandcup']     | cannot use ["orders at leafandcup"] as Email: not an email address
          Phone          | {}                     | ['call me']                  | cannot use ["call me"] as Phone: expected a phone number of 5 to 15 digits
          Phone          | {}                     | '123'                        | expected a phone number of 5 to 15 digits
          Color          | {}                     | 'blurple'                    | cannot use "blurple" as Color: expected #rrggbb, rgb(), hsl() or a CSS color name
          Color          | {}                     | '#12345'                     | cannot use "#12345" as Color
          VideoLink      | {}                     | 'youtube'                    | cannot use "youtube" as VideoLink
          """)
  void refusesValuesThatCannotBecomeTheFieldTypeNamingFieldValueAndType(
      String type, String validations, String input, String message) {
    assertThatThrownBy(() -> map(type, validations, false, input))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("field 'out' (" + type + "), rule constant(")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((MappingException) e).field()).isEqualTo("out"))
        .satisfies(e -> assertThat(((MappingException) e).retryable()).isFalse());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          PlainText      | null
          Number         | null
          Switch         | false
          DateTime       | null
          Option         | null
          MultiReference | []
          MultiImage     | []
          Image          | null
          """)
  void emptyValuesClearTheFieldAndSwitchesBecomeFalse(String type, String expected)
      throws Exception {
    for (String empty : List.of("null", "''", "[]", "'   '")) {
      assertThat(map(type, "{'options': [{'id': 'o1', 'name': 'Tea'}]}", false, empty))
          .as("%s from %s", type, empty)
          .isEqualTo(Fixtures.json(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PlainText", "Number", "DateTime", "Image", "MultiReference"})
  void aRequiredFieldLeftEmptyIsAPermanentErrorNamingTheField(String type) {
    assertThatThrownBy(() -> map(type, "{}", true, "''"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("field 'out' (" + type + ")")
        .hasMessageContaining("the field is required in Webflow but the value is empty");
  }

  @org.junit.jupiter.api.Test
  void textCutToMaxLengthIsReportedAsAWarning() throws Exception {
    MappedItem item = mapItem("PlainText", "{'maxLength': 3}", false, "'Oolong'");
    assertThat(item.fieldData().get("out").asText()).isEqualTo("Ool");
    assertThat(item.warnings())
        .containsExactly(
            "field 'out' (PlainText), rule constant(\"Oolong\"): text of 6 characters cut to the maximum of 3");
  }

  private static JsonNode map(String type, String validations, boolean required, String input)
      throws Exception {
    return mapItem(type, validations, required, input).fieldData().get("out");
  }

  private static MappedItem mapItem(String type, String validations, boolean required, String input)
      throws Exception {
    TargetSchema target =
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
                    type,
                    FixtureKinds.target(type),
                    required,
                    true,
                    Fixtures.json(validations))));
    ObjectNode doc = Fixtures.JSON.createObjectNode();
    ObjectNode rule = doc.putObject("fields").putObject("out").put("rule", "constant");
    rule.set("value", Fixtures.json(input));
    doc.with("fields").putObject("name").put("rule", "constant").put("value", "Thing");
    CompiledMapping m = DefaultMappingCompiler.ofDefaults().compile(doc, SOURCE, target);
    return m.map(
        new SourceRecord("r1", Instant.EPOCH, Fixtures.JSON.createObjectNode()),
        MappingContext.NONE);
  }
}
