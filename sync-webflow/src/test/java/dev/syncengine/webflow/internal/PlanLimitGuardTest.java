package dev.syncengine.webflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.webflow.ErrorDetail;
import dev.syncengine.webflow.WebflowConflictException;
import dev.syncengine.webflow.WebflowException;
import dev.syncengine.webflow.WebflowServerException;
import dev.syncengine.webflow.WebflowValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which refusals read as a plan limit. Webflow documents neither its plans' item limits nor the
 * answer to a write over one, only the error shape, so every plausible shape is accepted while a
 * value's own validation (a text too long) is not mistaken for one.
 */
class PlanLimitGuardTest {
  private static WebflowException refused(String message, String param, String description) {
    return new WebflowValidationException(
        "validation_error", message, List.of(new ErrorDetail(param, description)));
  }

  @Test
  void readsTheSimulatorsAndOtherPlausibleAnswersAsPlanLimits() {
    assertThat(
            PlanLimitGuard.isCollectionLimit(
                refused("Validation Error", "items", "Collection item limit reached")))
        .isTrue();
    assertThat(
            PlanLimitGuard.isCollectionLimit(
                new WebflowConflictException(
                    "conflict", "CMS item limit for your site plan has been reached", List.of())))
        .isTrue();
    WebflowException field = refused("Validation Error", "tags", "Reference limit exceeded");
    assertThat(PlanLimitGuard.isPlanLimit(field)).isTrue();
    assertThat(PlanLimitGuard.isCollectionLimit(field)).as("a field's limit").isFalse();
    assertThat(PlanLimitGuard.refused("rec-1", "created", field).field()).isEqualTo("tags");
  }

  /** As the client sees a refusal: the message starts with the call, which names items. */
  private static WebflowException answer(int status, String body) {
    return ErrorMapper.map(
        "POST /collections/c1/items",
        status,
        body,
        null,
        java.time.Clock.systemUTC(),
        java.time.Duration.ofSeconds(60));
  }

  @Test
  void readsTheCallsAnswerNotTheCallItself() {
    String tooLong =
        "{\"code\":\"validation_error\",\"message\":\"Validation Error\",\"details\":"
            + "[{\"param\":\"name\",\"description\":\"exceeds the limit of 256 characters\"}]}";
    String full =
        "{\"code\":\"validation_error\",\"message\":\"Validation Error\",\"details\":"
            + "[{\"param\":\"items\",\"description\":\"Collection item limit reached\"}]}";

    assertThat(PlanLimitGuard.isPlanLimit(answer(400, tooLong))).isFalse();
    assertThat(PlanLimitGuard.isCollectionLimit(answer(400, full))).isTrue();
    assertThat(
            PlanLimitGuard.isCollectionLimit(
                answer(403, "{\"code\":\"forbidden\"," + "\"message\":\"Plan limit: CMS items\"}")))
        .isTrue();
  }

  @Test
  void aValuesValidationOrASlugCollisionOrA5xxIsNotAPlanLimit() {
    assertThat(
            PlanLimitGuard.isPlanLimit(
                refused("Validation Error", "name", "Maximum length of 256 exceeded")))
        .isFalse();
    assertThat(
            PlanLimitGuard.isPlanLimit(
                refused("Validation Error", "name", "exceeds the limit of 256 characters")))
        .isFalse();
    assertThat(
            PlanLimitGuard.isPlanLimit(
                refused(
                    "Validation Error", "slug", "Unique value is already in database: 'item-1'")))
        .isFalse();
    assertThat(
            PlanLimitGuard.isPlanLimit(
                new WebflowServerException(503, "service_unavailable", "item limit", List.of())))
        .isFalse();
  }
}
