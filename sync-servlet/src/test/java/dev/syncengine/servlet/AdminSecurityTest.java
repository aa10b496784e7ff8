package dev.syncengine.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminSecurityTest {
  Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private HttpResponse<String> login(String password, String... extraHeaders) throws Exception {
    String[] h = new String[2 + extraHeaders.length];
    h[0] = "Content-Type";
    h[1] = "application/json";
    System.arraycopy(extraHeaders, 0, h, 2, extraHeaders.length);
    return f.send(
        "POST",
        "/admin/api/session",
        Fixture.JSON.createObjectNode().put("password", password).toString(),
        h);
  }

  @Test
  void loginSetsAnHttpOnlySameSiteStrictCookieAndReturnsACsrfToken() throws Exception {
    HttpResponse<String> r = login(Fixture.PASSWORD);

    assertThat(r.statusCode()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("syncengine_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/sync/admin/api")
        .doesNotContain("Secure");
    String id = cookie.substring("syncengine_session=".length(), cookie.indexOf(';'));
    assertThat(java.util.Base64.getUrlDecoder().decode(id)).hasSize(32);
    JsonNode body = Fixture.json(r);
    assertThat(body.get("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(body.get("idleTimeoutSeconds").asLong()).isEqualTo(1800);
  }

  @Test
  void theCookieIsSecureWhenConfigured() throws Exception {
    f.close();
    f = new Fixture(b -> b.secureCookie(true));
    assertThat(login(Fixture.PASSWORD).headers().firstValue("Set-Cookie").orElseThrow())
        .contains("; Secure");
  }

  @Test
  void aWrongPasswordAnswers401() throws Exception {
    HttpResponse<String> r = login("wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("invalid_credentials");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aLoginWithoutAPasswordAnswers400AndAFormPostAnswers415() throws Exception {
    HttpResponse<String> r =
        f.send("POST", "/admin/api/session", "{}", "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(r).at("/error/details/0/field").asText()).isEqualTo("password");
    HttpResponse<String> form =
        f.send(
            "POST",
            "/admin/api/session",
            "password=x",
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).isEqualTo(415);
    HttpResponse<String> broken =
        f.send("POST", "/admin/api/session", "{\"password\":", "Content-Type", "application/json");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(broken).at("/error/code").asText()).isEqualTo("malformed_json");
  }

  @Test
  void fiveFailedLoginsFromOneAddressAnswer429WithRetryAfterEvenForTheRightPassword()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(login("wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> blocked = login(Fixture.PASSWORD);
    assertThat(blocked.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 900L);
    assertThat(Fixture.json(blocked).at("/error/code").asText()).isEqualTo("too_many_attempts");

    f.sessionClock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(login(Fixture.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginClearsTheFailureCount() throws Exception {
    for (int i = 0; i < 4; i++) {
      login("wrong");
    }
    assertThat(login(Fixture.PASSWORD).statusCode()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(login("wrong").statusCode()).isEqualTo(401);
    }
    assertThat(login(Fixture.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void noAdminCallWorksWithoutASession() throws Exception {
    for (String path :
        new String[] {
          "/connections",
          "/events",
          "/analytics",
          "/items?connectionId=products&recordId=r",
          "/session",
          "/nope"
        }) {
      HttpResponse<String> r = f.send("GET", "/admin/api" + path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("unauthenticated");
    }
    HttpResponse<String> forged =
        f.send("GET", "/admin/api/connections", null, "Cookie", "syncengine_session=forged");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void whoAmIReturnsTheCsrfTokenOfTheSession() throws Exception {
    Fixture.Admin a = f.login();
    HttpResponse<String> r = f.send("GET", "/admin/api/session", null, "Cookie", a.cookie());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Fixture.json(r).get("csrfToken").asText()).isEqualTo(a.csrf());
  }

  @Test
  void everyMutationNeedsTheCsrfToken() throws Exception {
    Fixture.Admin a = f.login();
    String path = "/admin/api/connections/products/pause";
    HttpResponse<String> none = f.send("POST", path, null, "Cookie", a.cookie());
    HttpResponse<String> wrong =
        f.send("POST", path, null, "Cookie", a.cookie(), "X-CSRF-Token", "nope");
    HttpResponse<String> otherSession =
        f.send("POST", path, null, "Cookie", a.cookie(), "X-CSRF-Token", f.login().csrf());
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(Fixture.json(none).at("/error/code").asText()).isEqualTo("csrf_failed");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(otherSession.statusCode()).isEqualTo(403);
    assertThat(f.stores.connections().find("products").orElseThrow().paused()).isFalse();

    HttpResponse<String> ok = f.admin(a, "POST", "/connections/products/pause", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(f.stores.connections().find("products").orElseThrow().paused()).isTrue();
    HttpResponse<String> del =
        f.send("DELETE", "/admin/api/connections/products", null, "Cookie", a.cookie());
    assertThat(del.statusCode()).isEqualTo(403);
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    Fixture.Admin a = f.login();
    HttpResponse<String> out = f.admin(a, "DELETE", "/session", null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(f.admin(a, "GET", "/connections", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionExpiresAfterTheIdleTimeoutButActivityKeepsItAlive() throws Exception {
    Fixture.Admin a = f.login();
    f.sessionClock.advance(Duration.ofMinutes(29));
    assertThat(f.admin(a, "GET", "/connections", null).statusCode()).isEqualTo(200);
    f.sessionClock.advance(Duration.ofMinutes(29));
    assertThat(f.admin(a, "GET", "/connections", null).statusCode()).isEqualTo(200);
    f.sessionClock.advance(Duration.ofMinutes(30));
    assertThat(f.admin(a, "GET", "/connections", null).statusCode()).isEqualTo(401);
  }

  @Test
  void loginReplacesAnExistingSession() throws Exception {
    Fixture.Admin a = f.login();
    HttpResponse<String> again =
        f.send(
            "POST",
            "/admin/api/session",
            Fixture.JSON.createObjectNode().put("password", Fixture.PASSWORD).toString(),
            "Content-Type",
            "application/json",
            "Cookie",
            a.cookie());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(f.admin(a, "GET", "/connections", null).statusCode()).isEqualTo(401);
  }

  @Test
  void securityHeadersAreOnEveryKindOfAnswer() throws Exception {
    Fixture.Admin a = f.login();
    for (HttpResponse<String> r :
        java.util.List.of(
            f.admin(a, "GET", "/connections", null),
            f.send("GET", "/admin/api/connections", null),
            f.admin(a, "GET", "/nope", null),
            f.send("GET", "/", null),
            f.send("GET", "/health", null),
            f.send("POST", "/hooks/x", "{}", "Content-Type", "application/json"))) {
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
          .as(r.uri().toString())
          .contains("default-src 'self'")
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  @Test
  void adminAnswersAreNeverCached() throws Exception {
    Fixture.Admin a = f.login();
    assertThat(f.admin(a, "GET", "/connections", null).headers().firstValue("Cache-Control"))
        .contains("no-store");
  }

  @Test
  void unknownRoutesAnswer404AndWrongMethods405() throws Exception {
    Fixture.Admin a = f.login();
    assertThat(f.admin(a, "GET", "/nope", null).statusCode()).isEqualTo(404);
    HttpResponse<String> r = f.admin(a, "PUT", "/connections", "{}");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
  }

  @Test
  void anAdminBodyOverTheLimitAnswers413() throws Exception {
    Fixture.Admin a = f.login();
    String big = "{\"name\":\"" + "x".repeat(20_000) + "\"}";
    HttpResponse<String> r = f.admin(a, "PATCH", "/connections/products", big);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void adminRefusesNonJsonBodies() throws Exception {
    Fixture.Admin a = f.login();
    HttpResponse<String> r =
        f.send(
            "PATCH",
            "/admin/api/connections/products",
            "name=x",
            "Cookie",
            a.cookie(),
            "X-CSRF-Token",
            a.csrf(),
            "Content-Type",
            "text/plain");
    assertThat(r.statusCode()).isEqualTo(415);
  }
}
