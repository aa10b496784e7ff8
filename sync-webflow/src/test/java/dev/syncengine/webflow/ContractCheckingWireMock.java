package dev.syncengine.webflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.syncengine.webflow.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server per test whose every received request must conform to the OpenAPI spec. */
abstract class ContractCheckingWireMock {
  protected WireMockServer wm;

  @BeforeEach
  void startWireMock() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void checkEveryRequestAgainstOpenApi() {
    try {
      List<String> violations = new ArrayList<>();
      for (ServeEvent e : wm.getAllServeEvents()) {
        violations.addAll(check(e.getRequest()));
      }
      assertThat(violations).as("requests that break the OpenAPI description").isEmpty();
    } finally {
      wm.stop();
    }
  }

  protected String baseUrl() {
    return wm.baseUrl() + "/v2";
  }

  static List<String> check(LoggedRequest r) {
    String url = r.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, List<String>> query = parseQuery(q < 0 ? "" : url.substring(q + 1));
    String text = r.getBodyAsString();
    JsonNode body = text == null || text.isEmpty() ? null : Json.parseOrNull(text);
    return OpenApiContract.violations(r.getMethod().getName(), path, query, body);
  }

  static Map<String, List<String>> parseQuery(String q) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }
}
