package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mapping preview tells the editor each field's owner and whether its rule is invertible. */
class MappingDirectionsApiTest {
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

  @Test
  void previewFieldsCarryOwnerInvertibleAndWhyOneWay() throws Exception {
    ObjectNode body = Fixture.JSON.createObjectNode();
    ObjectNode spec = body.putObject("spec").putObject("fields");
    spec.put("name", "title");
    spec.putObject("price").put("source", "price").put("owner", "webflow");
    body.putObject("record")
        .put("id", "r9")
        .putObject("values")
        .put("title", "Lamp")
        .put("price", 4);

    HttpResponse<String> r = f.admin(a, "POST", "/connections/products/mapping/preview", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // this fixture's compiler previews the whole record at once (no per-field entries), so the
    // directions come in their own list; a field-by-field preview repeats them on each field
    JsonNode fields = Fixture.json(r).get("directions");
    assertThat(fields).hasSize(2);

    JsonNode name = field(fields, "name");
    assertThat(name.get("owner").asText()).isEqualTo("smartsuite");
    assertThat(name.get("invertible").asBoolean()).isTrue();
    JsonNode price = field(fields, "price");
    assertThat(price.get("owner").asText()).isEqualTo("webflow");
    assertThat(price.get("invertible").asBoolean()).isTrue();
    assertThat(price.get("oneWayReason").isNull()).isTrue();
    assertThat(price.get("rule").asText()).isEqualTo("direct(price)");

    spec.putObject("price").put("rule", "jsonata").put("expression", "price * 2");
    JsonNode oneWay =
        field(
            Fixture.json(f.admin(a, "POST", "/connections/products/mapping/preview", body))
                .get("directions"),
            "price");
    assertThat(oneWay.get("owner").asText()).isEqualTo("smartsuite");
    assertThat(oneWay.get("invertible").asBoolean()).isFalse();
    assertThat(oneWay.get("oneWayReason").asText()).contains("a jsonata rule cannot be inverted");
  }

  private static JsonNode field(JsonNode fields, String slug) {
    for (JsonNode f : fields) {
      if (f.path("field").asText().equals(slug)) {
        return f;
      }
    }
    throw new AssertionError("no field " + slug + " in " + fields);
  }
}
