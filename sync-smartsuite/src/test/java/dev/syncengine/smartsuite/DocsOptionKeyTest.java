package dev.syncengine.smartsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue #20 point 6: the docs name the connection option that really holds the webhook id. */
class DocsOptionKeyTest {
  @Test
  void apiDocsAndOpenApiShowTheRealWebhookIdOptionKey() throws Exception {
    String api = Files.readString(Path.of("..", "docs", "api.md"));
    String openapi = Files.readString(Path.of("..", "docs", "openapi.yaml"));
    String key = SmartSuiteSource.OPTION_WEBHOOK_ID;

    assertThat(api)
        .contains("\"options\": {\"" + key + "\"")
        .doesNotContain("\"options\": {\"webhookId\"")
        .doesNotContain("now hold e.g. `webhookId`");
    assertThat(openapi).contains(key);
  }
}
