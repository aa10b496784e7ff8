package dev.syncengine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration processor's metadata: every property named and described. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyHasADescriptionAndTheDefaultsOfTheLibrary() throws Exception {
    JsonNode meta;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata on the classpath").isNotNull();
      meta = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> byName = new HashMap<>();
    meta.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));

    assertThat(byName)
        .containsKeys(
            "sync.enabled",
            "sync.base-path",
            "sync.public-url",
            "sync.demo",
            "sync.encryption.keys",
            "sync.admin.password-hash",
            "sync.worker.concurrency",
            "sync.worker.batch-size",
            "sync.worker.poll-interval",
            "sync.worker.lease",
            "sync.retry.max-attempts",
            "sync.webflow.base-url",
            "sync.webflow.rate-limit-per-minute",
            "sync.smartsuite.base-url",
            "sync.smartsuite.webhooks-url",
            "sync.ingress.max-body-size",
            "sync.retention.event-log",
            "sync.store.migrations");
    byName.forEach(
        (name, p) ->
            assertThat(p.path("description").asText()).as("description of %s", name).isNotBlank());
    // Defaults live in the library's DEFAULT_* constants; the metadata must say the same.
    org.springframework.beans.BeanWrapper actual =
        new org.springframework.beans.BeanWrapperImpl(new SyncProperties());
    int checked = 0;
    for (var e : byName.entrySet()) {
      JsonNode def = e.getValue().get("defaultValue");
      if (def == null || def.isNull()) {
        continue;
      }
      String path = camel(e.getKey().substring("sync.".length()));
      Object value = actual.getPropertyValue(path);
      Object expected =
          value instanceof java.time.Duration
              ? org.springframework.boot.convert.DurationStyle.detectAndParse(def.asText())
              : def.isNumber()
                  ? def.numberValue()
                  : def.isBoolean() ? def.asBoolean() : def.asText();
      assertThat(value).as("default of %s", e.getKey()).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(15);
  }

  private static String camel(String dotted) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char ch : dotted.toCharArray()) {
      if (ch == '-') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return sb.toString();
  }
}
