package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.mapping.internal.TypeCompatibility;
import dev.syncengine.core.mapping.internal.TypeCompatibility.Fit;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.smartsuite.SmartSuiteFieldTypes;
import dev.syncengine.webflow.WebflowFieldTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compatibility table in docs/mapping.md is the engine's, in the two adapters' type names. */
class CompatibilityDocsTest {
  @Test
  void theCompatibilityMatrixInTheDocsIsTheOneTheCompilerUses() throws Exception {
    String docs = Files.readString(find("docs/mapping.md"), StandardCharsets.UTF_8);
    assertThat(docs)
        .contains(
            TypeCompatibility.markdownTable(
                "SmartSuite field types",
                SmartSuiteFieldTypes::typesOf,
                WebflowFieldTypes::typeOf));
  }

  @Test
  void theAdaptersTypesReadAsDocumented() {
    assertThat(fit("currencyfield", "Number")).isEqualTo(Fit.YES);
    assertThat(fit("textfield", "Number")).isEqualTo(Fit.LOSSY);
    assertThat(fit("linkedrecordfield", "MultiReference")).isEqualTo(Fit.REFERENCE);
    assertThat(fit("filefield", "Switch")).isEqualTo(Fit.NO);
    assertThat(fit("somenewfield", "PlainText")).isEqualTo(Fit.LOSSY);
    assertThat(fit("textfield", "User")).isEqualTo(Fit.NO);
    for (TargetKind k : TypeCompatibility.TARGET_KINDS) {
      assertThat(WebflowFieldTypes.kindOf(WebflowFieldTypes.typeOf(k))).isEqualTo(k);
    }
    assertThat(SmartSuiteFieldTypes.kindOf("somenewfield")).isEqualTo(SourceKind.UNKNOWN);
  }

  private static Fit fit(String smartSuiteType, String webflowType) {
    return TypeCompatibility.of(
        SmartSuiteFieldTypes.kindOf(smartSuiteType), WebflowFieldTypes.kindOf(webflowType));
  }

  private static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
