package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saving a connection with a two-way option the engine does not accept answers 422 naming the
 * option and what it accepts, and saves nothing; the source schema's fields carry their kind so the
 * dashboard can offer only text fields as the item id field.
 */
class TwoWayOptionsApiTest {
  Fixture f;
  Fixture.Admin a;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    a = f.login();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private HttpResponse<String> patchOptions(String... kv) throws Exception {
    ObjectNode body = Fixture.JSON.createObjectNode();
    ObjectNode o = body.putObject("options").put("twoWay.enabled", "true");
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return f.admin(a, "PATCH", "/connections/products", body);
  }

  private JsonNode refused(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode err = Fixture.json(r).get("error");
    assertThat(err.get("code").asText()).isEqualTo("invalid_option");
    return err;
  }

  @Test
  void anUnknownConflictPolicyIs422NamingTheOptionAndTheAcceptedValues() throws Exception {
    JsonNode err = refused(patchOptions("twoWay.conflicts", "latest"));
    assertThat(err.get("message").asText())
        .isEqualTo("option 'twoWay.conflicts' must be newest, smartsuite or webflow");
    assertThat(err.at("/details/0/field").asText()).isEqualTo("options.twoWay.conflicts");
    assertThat(err.at("/details/0/message").asText())
        .isEqualTo("must be newest, smartsuite or webflow");
    assertThat(f.engine.inspect().connection("products").orElseThrow().options())
        .doesNotContainKey("twoWay.enabled");
  }

  @Test
  void createRecordsMustBeABooleanAndNeedsATextItemIdField() throws Exception {
    assertThat(refused(patchOptions("twoWay.createRecords", "yes")).at("/details/0").toString())
        .contains("options.twoWay.createRecords")
        .contains("true or false");
    assertThat(
            refused(patchOptions("twoWay.createRecords", "true")).at("/details/0/field").asText())
        .isEqualTo("options.twoWay.itemIdField");
    JsonNode number =
        refused(patchOptions("twoWay.createRecords", "true", "twoWay.itemIdField", "price"));
    assertThat(number.at("/details/0/message").asText())
        .contains("text field of source table 'Products' (its text fields: title)");
    assertThat(refused(patchOptions("twoWay.deletes", "always")).at("/details/0/message").asText())
        .isEqualTo("must be ask, delete or ignore");

    HttpResponse<String> ok =
        patchOptions(
            "twoWay.createRecords",
            "true",
            "twoWay.itemIdField",
            "title",
            "twoWay.conflicts",
            "webflow",
            "twoWay.deletes",
            "ask");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(Fixture.json(ok).at("/options/twoWay.itemIdField").asText()).isEqualTo("title");
  }

  @Test
  void creatingAConnectionIsValidatedTheSameWay() throws Exception {
    ObjectNode b = Fixture.JSON.createObjectNode().put("id", "p2");
    b.putObject("source").put("type", "fake").put("parentId", "sol1").put("id", "tbl1");
    b.putObject("target").put("type", "fake").put("parentId", "site1").put("id", "col2");
    b.putObject("options").put("twoWay.enabled", "maybe");
    JsonNode err = refused(f.admin(a, "POST", "/connections", b));
    assertThat(err.at("/details/0/field").asText()).isEqualTo("options.twoWay.enabled");
    assertThat(f.engine.inspect().connection("p2")).isEmpty();
  }

  @Test
  void sourceSchemaFieldsCarryTheirKind() throws Exception {
    HttpResponse<String> r = f.admin(a, "GET", "/connections/products/schema", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode fields = Fixture.json(r).at("/source/fields");
    assertThat(fields.get(0).get("slug").asText()).isEqualTo("title");
    assertThat(fields.get(0).get("kind").asText()).isEqualTo("TEXT");
    assertThat(fields.get(1).get("kind").asText()).isEqualTo("NUMBER");
  }
}
