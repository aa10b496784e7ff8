package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.internal.TypeCompatibility;
import dev.syncengine.core.mapping.internal.TypeCompatibility.Fit;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published documentation and test extracts stay true to the code and to Webflow's spec. */
class DocsAndSchemaTest {
  // The table in docs/mapping.md names both adapters' types: sync-it's CompatibilityDocsTest.

  @Test
  void theMatrixReadsAsDocumented() {
    assertThat(TypeCompatibility.of(SourceKind.NUMBER, TargetKind.NUMBER)).isEqualTo(Fit.YES);
    assertThat(TypeCompatibility.of(SourceKind.TEXT, TargetKind.NUMBER)).isEqualTo(Fit.LOSSY);
    assertThat(TypeCompatibility.of(SourceKind.LINKED_RECORDS, TargetKind.MULTI_REFERENCE))
        .isEqualTo(Fit.REFERENCE);
    assertThat(TypeCompatibility.of(SourceKind.FILES, TargetKind.BOOLEAN)).isEqualTo(Fit.NO);
    assertThat(TypeCompatibility.of(SourceKind.UNKNOWN, TargetKind.TEXT)).isEqualTo(Fit.LOSSY);
    assertThat(TypeCompatibility.of(SourceKind.TEXT, TargetKind.UNSUPPORTED)).isEqualTo(Fit.NO);
  }

  @Test
  void theWebflowItemSchemaExtractMatchesWebflowsOpenApiDescription() throws Exception {
    // Webflow's OpenAPI description, vendored with its licence beside the Webflow adapter's tests.
    Path yml = find("sync-webflow/src/test/resources/webflow-openapi-v2.yml");
    List<String> lines = Files.readAllLines(yml, StandardCharsets.UTF_8);
    JsonNode extract = Fixtures.resource("webflow-item-schema.json");

    // fieldData of a collection item: required name and slug, other properties allowed.
    boolean found = false;
    for (int i = 0; i < lines.size() - 4 && !found; i++) {
      found =
          lines.get(i).trim().equals("fieldData:")
              && lines.get(i + 1).trim().equals("type: object")
              && lines.get(i + 2).trim().equals("required:")
              && lines.get(i + 3).trim().equals("- name")
              && lines.get(i + 4).trim().equals("- slug");
    }
    assertThat(found).as("fieldData requires name and slug").isTrue();
    assertThat(extract.path("fieldData").path("required").toString())
        .isEqualTo("[\"name\",\"slug\"]");

    // The field type enums of the static, option and reference field schemas.
    assertThat(enumAfter(lines, "x-fern-type-name: Static Field"))
        .containsExactlyElementsOf(texts(extract.path("staticFieldTypes")));
    assertThat(enumAfter(lines, "x-fern-type-name: Option Field"))
        .containsExactlyElementsOf(texts(extract.path("optionFieldTypes")));
    assertThat(enumAfter(lines, "x-fern-type-name: Reference Field"))
        .containsExactlyElementsOf(texts(extract.path("referenceFieldTypes")));
  }

  private static List<String> enumAfter(List<String> lines, String marker) {
    int i = 0;
    while (!lines.get(i).trim().equals(marker)) {
      i++;
    }
    while (!lines.get(i).trim().equals("enum:")) {
      i++;
    }
    List<String> out = new ArrayList<>();
    for (i++; lines.get(i).trim().startsWith("- "); i++) {
      out.add(lines.get(i).trim().substring(2));
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path find(String relative) {
    Path p = findOrNull(relative);
    assertThat(p).as("%s above %s", relative, Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  /** Looks for a path relative to the repository root, from the module directory upwards. */
  private static Path findOrNull(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    return null;
  }
}
