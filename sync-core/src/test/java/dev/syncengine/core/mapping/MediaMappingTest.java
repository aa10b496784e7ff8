package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.FieldConstraints;
import dev.syncengine.core.model.FileValues;
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

/**
 * Files through a direct rule: the identity the mapping keeps (handle and size), the target's
 * limits as {@link FieldConstraints} (size per file, files per field, references per field), and
 * alt text from another source field.
 */
class MediaMappingTest {
  private static final long MB = 1024 * 1024;

  private static final SourceSchema SOURCE =
      new SourceSchema(
          "t1",
          "Things",
          "title",
          List.of(
              new SourceField(
                  "s_img", "Photos", "filefield", SourceKind.FILES, Fixtures.json("{}")),
              new SourceField(
                  "s_cap", "Caption", "textfield", SourceKind.TEXT, Fixtures.json("{}")),
              new SourceField(
                  "s_tags", "Tags", "linkedrecordfield", SourceKind.LINKED_RECORDS, null)));

  private static TargetField target(String slug, String type, TargetKind kind, FieldConstraints c) {
    return new TargetField(
        "f-" + slug, slug, slug, type, kind, false, true, Fixtures.json("{}"), c);
  }

  private static final TargetSchema TARGET =
      new TargetSchema(
          "c1",
          "Things",
          List.of(
              target("name", "PlainText", TargetKind.TEXT, null),
              target("hero", "Image", TargetKind.IMAGE, new FieldConstraints(null, 4 * MB)),
              target(
                  "gallery", "MultiImage", TargetKind.MULTI_IMAGE, new FieldConstraints(3, 4 * MB)),
              target("doc", "File", TargetKind.FILE, null)));

  private static JsonNode file(String handle, long size, String sig) {
    return Fixtures.json(
        "{'url': 'https://files.example.com/"
            + handle
            + "?sig="
            + sig
            + "', 'id': '"
            + handle
            + "', 'size': "
            + size
            + ", 'name': '"
            + handle
            + ".jpg'}");
  }

  private static MappedItem map(String mapping, ObjectNode values) throws Exception {
    CompiledMapping m =
        DefaultMappingCompiler.ofDefaults().compile(Fixtures.json(mapping), SOURCE, TARGET);
    return m.map(new SourceRecord("r1", Instant.EPOCH, values), MappingContext.NONE);
  }

  private static ObjectNode photos(JsonNode... files) {
    ObjectNode v = Fixtures.JSON.createObjectNode().put("title", "Mug");
    v.putArray("s_img").addAll(List.of(files));
    return v;
  }

  @Test
  void aFileKeepsItsSourceIdentityBesideItsUrl() throws Exception {
    MappedItem item =
        map("{'fields': {'name': 'title', 'hero': 'Photos'}}", photos(file("h1", 52_311, "a")));

    JsonNode hero = item.fieldData().get("hero");
    assertThat(hero.get("url").asText()).isEqualTo("https://files.example.com/h1?sig=a");
    assertThat(FileValues.identity(hero)).isEqualTo("h1:52311");
  }

  @Test
  void theSameFileUnderANewSignedUrlIsTheSameFile() throws Exception {
    String mapping = "{'fields': {'name': 'title', 'gallery': 'Photos'}}";
    JsonNode before = map(mapping, photos(file("h1", 10, "a"), file("h2", 20, "a"))).fieldData();
    JsonNode after = map(mapping, photos(file("h1", 10, "b"), file("h2", 20, "b"))).fieldData();
    JsonNode replaced = map(mapping, photos(file("h1", 10, "b"), file("h2", 21, "b"))).fieldData();
    JsonNode reordered = map(mapping, photos(file("h2", 20, "b"), file("h1", 10, "b"))).fieldData();

    assertThat(after.get("gallery")).isNotEqualTo(before.get("gallery"));
    assertThat(FileValues.sameFiles(before.get("gallery"), after.get("gallery"))).isTrue();
    assertThat(FileValues.sameFiles(before.get("gallery"), replaced.get("gallery"))).isFalse();
    assertThat(FileValues.sameFiles(before.get("gallery"), reordered.get("gallery"))).isFalse();
  }

  @Test
  void anImageOverTheSizeLimitIsLeftOutWithAWarningAndTheRestOfTheItemMaps() throws Exception {
    MappedItem item =
        map(
            "{'fields': {'name': 'title', 'hero': 'Photos', 'gallery': 'Photos'}}",
            photos(file("big", 5 * MB, "a"), file("h1", 10, "a"), file("h2", 20, "a")));

    // The Image field takes the first file that fits; the gallery keeps the others in order.
    assertThat(FileValues.identity(item.fieldData().get("hero"))).isEqualTo("h1:10");
    assertThat(item.fieldData().get("gallery"))
        .extracting(FileValues::identity)
        .containsExactly("h1:10", "h2:20");
    assertThat(item.fieldData().get("name").asText()).isEqualTo("Mug");
    assertThat(item.warnings())
        .anyMatch(w -> w.startsWith("field 'gallery' (MultiImage)") && w.contains("big.jpg"))
        .anyMatch(w -> w.contains("5242880 bytes is over MultiImage's limit of 4194304 bytes"));
  }

  @Test
  void anImageFieldWhoseOnlyFileIsTooLargeIsLeftOutOfTheItem() throws Exception {
    MappedItem item =
        map("{'fields': {'name': 'title', 'hero': 'Photos'}}", photos(file("big", 5 * MB, "a")));

    assertThat(item.fieldData().has("hero")).as("left out, so Webflow keeps its image").isFalse();
    assertThat(item.fieldData().get("name").asText()).isEqualTo("Mug");
    assertThat(item.warnings()).singleElement().asString().contains("over Image's limit");
  }

  @Test
  void aFileWithoutALimitOrASizeIsNotChecked() throws Exception {
    MappedItem item =
        map(
            "{'fields': {'name': 'title', 'doc': 'Photos'}}",
            photos(Fixtures.json("{'url': 'https://x.example/a.pdf', 'id': 'h9'}")));

    assertThat(FileValues.identity(item.fieldData().get("doc"))).isEqualTo("h9");
    assertThat(item.warnings()).isEmpty();
  }

  @Test
  void aMultiImageKeepsOrderAndItsLimitOfFiles() throws Exception {
    MappedItem item =
        map(
            "{'fields': {'name': 'title', 'gallery': 'Photos'}}",
            photos(file("a", 1, "x"), file("b", 2, "x"), file("c", 3, "x"), file("d", 4, "x")));

    assertThat(item.fieldData().get("gallery"))
        .extracting(FileValues::identity)
        .containsExactly("a:1", "b:2", "c:3");
    assertThat(item.warnings())
        .containsExactly(
            "field 'gallery' (MultiImage), rule direct(Photos): MultiImage holds at most 3"
                + " images; kept the first 3");
  }

  @Test
  void altTextComesFromAnotherSourceFieldOneTextPerFile() throws Exception {
    ObjectNode values = photos(file("a", 1, "x"), file("b", 2, "x"));
    values.putArray("s_cap").add("Front").add("Back");

    MappedItem item =
        map(
            "{'fields': {'name': 'title', 'gallery': {'rule': 'direct', 'source': 'Photos',"
                + " 'alt': 'Caption'}, 'hero': {'source': 'Photos', 'alt': 'Caption'}}}",
            values);

    assertThat(item.fieldData().get("gallery"))
        .extracting(i -> i.get("alt").asText())
        .containsExactly("Front", "Back");
    assertThat(item.fieldData().get("hero").get("alt").asText()).isEqualTo("Front");
  }

  @Test
  void altOnAFieldThatIsNotAnImageIsACompileError() {
    assertThatThrownBy(
            () -> map("{'fields': {'name': {'source': 'title', 'alt': 'Caption'}}}", photos()))
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining("\"alt\" applies to Image, MultiImage and File fields only");
  }

  @Test
  void moreReferencesThanTheTargetTakesFailTheRecordNamingTheLimit() {
    TargetSchema target =
        new TargetSchema(
            "c1",
            "Things",
            List.of(
                target("name", "PlainText", TargetKind.TEXT, null),
                target(
                    "tags",
                    "MultiReference",
                    TargetKind.MULTI_REFERENCE,
                    new FieldConstraints(2, null))));
    ObjectNode doc =
        (ObjectNode) Fixtures.json("{'fields': {'name': 'title', 'tags': {'rule': 'constant'}}}");
    ((ObjectNode) doc.get("fields").get("tags")).set("value", Fixtures.json("['i1','i2','i3']"));

    assertThatThrownBy(
            () ->
                DefaultMappingCompiler.ofDefaults()
                    .compile(doc, SOURCE, target)
                    .map(new SourceRecord("r7", Instant.EPOCH, photos()), MappingContext.NONE))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("field 'tags' (MultiReference)")
        .hasMessageContaining(
            "holds at most 2 references (the target's limit); this record links 3");
  }
}
