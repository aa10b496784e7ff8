package dev.syncengine.smartsuite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookOwnershipTest {
  private static final String OURS = "https://sync.example/hooks/c1/tok-new";

  @Test
  void theExactUrlAndTheSamePathUnderAnOlderTokenAreOurs() {
    assertThat(WebhookOwnership.isOurs(OURS, OURS, "tok-new")).isTrue();
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c1/tok-old", OURS, "tok-new"))
        .isTrue();
  }

  @Test
  void otherConnectionsHostsAndShapesAreNot() {
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c10/tok", OURS, "tok-new"))
        .isFalse();
    assertThat(WebhookOwnership.isOurs("https://other.example/hooks/c1/tok", OURS, "tok-new"))
        .isFalse();
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c1/tok?x=1", OURS, "tok-new"))
        .isFalse();
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c1/", OURS, "tok-new"))
        .isFalse();
    assertThat(WebhookOwnership.isOurs("", OURS, "tok-new")).isFalse();
  }

  @Test
  void withoutATokenOnlyTheExactUrlIsOurs() {
    String noToken = "https://sync.example/hooks/c1";
    assertThat(WebhookOwnership.isOurs(noToken, noToken, null)).isTrue();
    // stripping "c1" would match every connection under /hooks/
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c2", noToken, null)).isFalse();
    assertThat(WebhookOwnership.isOurs("https://sync.example/hooks/c2", noToken, "tok")).isFalse();
  }

  @Test
  void redactionKeepsOnlyHostAndConnectionPath() {
    assertThat(Redaction.url(OURS)).isEqualTo("https://sync.example/hooks/c1/••••");
    assertThat(Redaction.urls("bad url " + OURS + " here"))
        .isEqualTo("bad url https://sync.example/•••• here")
        .doesNotContain("tok-new");
  }
}
