package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.webflow.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {

  private static JsonNode json(String s) {
    return Json.parseOrNull(s.replace('\'', '"'));
  }

  @Test
  void acceptsAWellFormedBulkCreate() {
    assertThat(
            OpenApiContract.violations(
                "POST",
                "/v2/collections/c1/items/live",
                Map.of(),
                json("{'items':[{'isDraft':false,'fieldData':{'name':'A','slug':'a'}}]}")))
        .isEmpty();
  }

  @Test
  void acceptsTheLocalizedRequestsTheSinkSends() {
    assertThat(
            OpenApiContract.violations(
                "POST",
                "/v2/collections/c1/items/bulk",
                Map.of(),
                json(
                    "{'isArchived':false,'isDraft':false,'cmsLocaleIds':['l1','l2'],"
                        + "'fieldData':[{'name':'A','slug':'a'}]}")))
        .isEmpty();
    assertThat(
            OpenApiContract.violations(
                "PATCH",
                "/v2/collections/c1/items/live",
                Map.of(),
                json(
                    "{'items':[{'id':'i1','fieldData':{'price':1}},"
                        + "{'id':'i1','cmsLocaleId':'l2','isDraft':false,'fieldData':{'name':'B'}}]}")))
        .isEmpty();
    for (String path : List.of("/v2/collections/c1/items", "/v2/collections/c1/items/live")) {
      assertThat(
              OpenApiContract.violations(
                  "DELETE",
                  path,
                  Map.of(),
                  json("{'items':[{'id':'i1','cmsLocaleIds':['l1','l2']}]}")))
          .isEmpty();
    }
    assertThat(
            OpenApiContract.violations(
                "POST",
                "/v2/collections/c1/items/publish",
                Map.of(),
                json("{'items':[{'id':'i1','cmsLocaleIds':['l1','l2']}]}")))
        .isEmpty();
    assertThat(
            OpenApiContract.violations(
                "GET",
                "/v2/collections/c1/items",
                Map.of("cmsLocaleId", List.of("l1,l2"), "limit", List.of("100")),
                null))
        .isEmpty();
  }

  @Test
  void rejectsMistypedLocaleMembers() {
    assertThat(
            OpenApiContract.violations(
                "POST",
                "/v2/collections/c1/items/bulk",
                Map.of(),
                json("{'cmsLocaleIds':'l1','fieldData':{'name':'A','slug':'a'}}")))
        .isNotEmpty();
    assertThat(
            OpenApiContract.violations(
                "DELETE",
                "/v2/collections/c1/items",
                Map.of(),
                json("{'items':[{'id':'i1','cmsLocaleIds':[1]}]}")))
        .isNotEmpty();
  }

  @Test
  void rejectsAnUnknownPathAndAWrongMethod() {
    assertThat(OpenApiContract.violations("GET", "/v2/collections/c1/things", Map.of(), null))
        .singleElement()
        .asString()
        .contains("no such path");
    assertThat(OpenApiContract.violations("PUT", "/v2/collections/c1/items", Map.of(), null))
        .singleElement()
        .asString()
        .contains("has no PUT");
  }

  @Test
  void rejectsUndeclaredOrMistypedQueryParameters() {
    assertThat(
            OpenApiContract.violations(
                "GET",
                "/v2/collections/c1/items",
                Map.of("page", List.of("2"), "limit", List.of("ten"), "sortOrder", List.of("up")),
                null))
        .hasSize(3);
  }

  @Test
  void rejectsABodyThatLacksRequiredMembersOrHasWrongTypes() {
    assertThat(
            OpenApiContract.violations(
                "POST",
                "/v2/collections/c1/items",
                Map.of(),
                json("{'items':[{'isDraft':'no','fieldData':{'name':'A'}}]}")))
        .isNotEmpty();
    assertThat(
            OpenApiContract.violations(
                "DELETE", "/v2/collections/c1/items", Map.of(), json("{'items':[{'name':'x'}]}")))
        .singleElement()
        .asString()
        .contains("lacks required 'id'");
  }

  @Test
  void rejectsReadOnlyPropertiesInARequest() {
    assertThat(
            OpenApiContract.violations(
                "PATCH",
                "/v2/collections/c1/items",
                Map.of(),
                json("{'items':[{'id':'i1','createdOn':'2024-01-01T00:00:00Z'}]}")))
        .anyMatch(v -> v.contains("read-only"));
  }

  @Test
  void prefersLiteralPathSegmentsOverTemplates() {
    // "/items/live" must be the live-items path, not an item whose id is "live".
    assertThat(
            OpenApiContract.violations(
                "DELETE",
                "/v2/collections/c1/items/live",
                Map.of(),
                json("{'items':[{'id':'a'}]}")))
        .isEmpty();
  }
}
