package dev.syncengine.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The item inspector's diff of two snapshots, for file fields. */
class SnapshotDiffTest {
  private static ObjectNode snapshot(String price, String heroUrl, String heroFile)
      throws Exception {
    return (ObjectNode)
        Json.MAPPER.readTree(
            "{\"name\":\"Mug\",\"price\":"
                + price
                + ",\"hero\":{\"url\":\""
                + heroUrl
                + "\",\"sourceFile\":\""
                + heroFile
                + "\"}}");
  }

  @Test
  void theSameFileUnderANewSignedUrlIsNotAChange() throws Exception {
    JsonNode diff =
        SnapshotDiff.diff(
            snapshot("1", "https://f.example/h1?sig=a", "h1:10"),
            snapshot("2", "https://f.example/h1?sig=b", "h1:10"));

    assertThat(diff).hasSize(1);
    assertThat(diff.get(0).get("field").asText()).isEqualTo("price");
  }

  @Test
  void anotherFileIsAChange() throws Exception {
    JsonNode diff =
        SnapshotDiff.diff(
            snapshot("1", "https://f.example/h1?sig=a", "h1:10"),
            snapshot("1", "https://f.example/h1?sig=b", "h1:11"));

    assertThat(diff).hasSize(1);
    assertThat(diff.get(0).get("field").asText()).isEqualTo("hero");
    assertThat(diff.get(0).get("change").asText()).isEqualTo("changed");
  }
}
