package dev.syncengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.SourceField;
import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTolerantCompileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DefaultMappingCompiler compiler = DefaultMappingCompiler.ofDefaults();

  private static SourceSchema source(String priceType, SourceKind priceKind) {
    return new SourceSchema(
        "t",
        "Products",
        "title",
        List.of(
            new SourceField("title", "Title", "textfield", SourceKind.TEXT, null),
            new SourceField("price", "Price", priceType, priceKind, null),
            new SourceField("notes", "Notes", "textfield", SourceKind.TEXT, null)));
  }

  private static TargetSchema target(boolean priceRequired) {
    return new TargetSchema(
        "c",
        "Products",
        List.of(
            new TargetField("1", "name", "Name", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField("2", "slug", "Slug", "PlainText", TargetKind.TEXT, true, true, null),
            new TargetField(
                "3", "price", "Price", "Number", TargetKind.NUMBER, priceRequired, true, null),
            new TargetField(
                "4", "notes", "Notes", "PlainText", TargetKind.TEXT, false, true, null)));
  }

  private static MappingVersion version(String priceSource) throws Exception {
    ObjectNode spec =
        (ObjectNode)
            JSON.readTree(
                "{\"fields\":{\"name\":\"title\",\"price\":\""
                    + priceSource
                    + "\",\"notes\":\"notes\"}}");
    return new MappingVersion("c1", 1, spec, Instant.EPOCH);
  }

  @Test
  void aRuleWhoseSourceFieldIsGoneIsPausedAndTheOthersStillMap() throws Exception {
    DriftTolerantCompile.Result r =
        DriftTolerantCompile.compile(
            compiler,
            version("Prix"),
            source("numberfield", SourceKind.NUMBER),
            target(false),
            null);

    assertThat(r.paused())
        .extracting(DriftTolerantCompile.PausedRule::field)
        .containsExactly("price");
    assertThat(r.paused().get(0).reason()).contains("Prix");
    ObjectNode values = JSON.createObjectNode().put("title", "Tea").put("notes", "green");
    var item =
        r.mapping()
            .map(
                new SourceRecord("r1", Instant.EPOCH, values),
                (t, id) -> java.util.Optional.empty());
    assertThat(item.fieldData().path("notes").asText()).isEqualTo("green");
    assertThat(item.fieldData().has("price")).isFalse();
  }

  @Test
  void aRuleOnARequiredTargetFieldIsNeverPaused() throws Exception {
    assertThatThrownBy(
            () ->
                DriftTolerantCompile.compile(
                    compiler,
                    version("Prix"),
                    source("numberfield", SourceKind.NUMBER),
                    target(true),
                    null))
        .isInstanceOf(MappingValidationException.class);
  }

  @Test
  void aTypeChangeThatStillConvertsIsDriftAgainstTheFirstCompileAndClearsWhenItReverts()
      throws Exception {
    DriftTolerantCompile.Result first =
        DriftTolerantCompile.compile(
            compiler,
            version("price"),
            source("numberfield", SourceKind.NUMBER),
            target(false),
            null);
    assertThat(first.paused()).isEmpty();

    DriftTolerantCompile.Result retyped =
        DriftTolerantCompile.compile(
            compiler,
            version("price"),
            source("textfield", SourceKind.TEXT),
            target(false),
            first.types());
    assertThat(retyped.paused())
        .extracting(DriftTolerantCompile.PausedRule::field)
        .containsExactly("price");
    assertThat(retyped.paused().get(0).reason())
        .contains("numberfield → Number")
        .contains("textfield → Number");

    DriftTolerantCompile.Result back =
        DriftTolerantCompile.compile(
            compiler,
            version("price"),
            source("numberfield", SourceKind.NUMBER),
            target(false),
            retyped.types());
    assertThat(back.paused()).isEmpty();
  }
}
