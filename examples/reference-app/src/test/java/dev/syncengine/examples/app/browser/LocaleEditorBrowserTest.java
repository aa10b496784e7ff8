package dev.syncengine.examples.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.examples.app.demo.DemoSimulators;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #19, localization, in a real browser: on a Webflow site with a French locale the wizard's
 * mapping editor offers a locale switch; a French rule for the name set there is saved as the
 * document's {@code locales} section, and the records arrive in Webflow with their French variant.
 */
@Timeout(180)
class LocaleEditorBrowserTest {
  static final String PASSWORD = "locale-browser-password";
  static final String SOLUTION = "sol_demo";
  static final String TABLE = "tbl_teas_fr";
  static final String CONNECTION = "teas-fr";
  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext app;
  static Browser browser;
  static SmartSuiteSimulator smartSuite;
  static WebflowSimulator webflow;
  static String siteId;
  static String collectionId;
  static String fr;

  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    app = DemoApp.start(5, PASSWORD);
    DemoSimulators sims = app.getBean(DemoSimulators.class);
    smartSuite = sims.smartSuite();
    webflow = sims.webflow();
    siteId = sims.siteId();
    fr = webflow.locales().add(siteId, "fr-FR", "French");
    smartSuite.createTable(
        SOLUTION, TABLE, "Teas FR", List.of(SimField.of("s_price", "Price", "numberfield")));
    collectionId =
        webflow.createCollection(
            siteId,
            "Teas FR",
            List.of(dev.syncengine.testing.webflow.SimField.required("price", "Number")));
    for (int i = 1; i <= 2; i++) {
      ObjectNode values = JSON.createObjectNode().put("title", "Tea " + i).put("s_price", "4");
      smartSuite.createRecord(TABLE, values);
    }
    browser = DemoApp.browser(app);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aFrenchRuleSetInTheEditorReachesTheItemsFrenchVariant() throws Exception {
    try {
      walkThrough();
    } catch (Throwable t) {
      browser.screenshot("locale-99-failure");
      throw t;
    }
  }

  private void walkThrough() throws Exception {
    DemoApp.signIn(browser, PASSWORD);

    browser.open("#/connections/new");
    browser.clickable(By.id("w-name")).sendKeys("Teas FR");
    WebElement id = browser.driver.findElement(By.id("w-id"));
    id.clear();
    id.sendKeys(CONNECTION);
    browser.driver.findElement(By.id("w-smartsuite-apiKey")).sendKeys(DemoSimulators.API_KEY);
    browser.driver.findElement(By.id("w-smartsuite-accountId")).sendKeys(DemoSimulators.ACCOUNT_ID);
    browser.driver.findElement(By.id("w-webflow-token")).sendKeys(DemoSimulators.WEBFLOW_TOKEN);
    browser.driver.findElement(By.id("test-credentials")).click();
    browser.present(By.cssSelector("#test-result .callout-ok"));
    next();
    pick("source", SOLUTION, TABLE);
    next();
    pick("target", siteId, collectionId);
    next();
    browser.awaitText(By.cssSelector(".preview-status"), "all fields map");

    // The site has a French locale: the editor offers it; its rows edit the French rules.
    Select locale = new Select(browser.clickable(By.cssSelector(".mapping-editor .locale-switch")));
    assertThat(locale.getOptions()).extracting(WebElement::getText).contains("fr-FR (French)");
    locale.selectByValue(fr);
    Select nameRule = new Select(browser.clickable(row("name", "select.rule-kind")));
    assertThat(nameRule.getFirstSelectedOption().getText()).isEqualTo("Kept as in Webflow");
    nameRule.selectByValue("template");
    browser.clickable(row("name", "input.rule-text")).sendKeys("{{Title}} (FR)");
    browser.awaitText(row("name", ".out"), "Tea 1 (FR)");
    browser.screenshot("locale-01-french-rule");

    next();
    browser.clickable(By.id("w-slug"));
    next();
    browser.present(By.cssSelector("#w-preview .callout-ok"));
    next();
    browser.clickable(By.id("w-save")).click();
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(ExpectedConditions.elementToBeClickable(By.id("w-open-connection")));

    JsonNode spec =
        app.getBean(Stores.class).connections().mapping(CONNECTION).orElseThrow().spec();
    assertThat(spec.at("/locales/fr-FR/fields/name/template").asText()).isEqualTo("{{Title}} (FR)");
    Await.until(
        Duration.ofSeconds(40),
        () -> "two items with their French variants: " + webflow.locales().items(collectionId, fr),
        // the variants exist from the create on; their French values follow in the same write
        () ->
            webflow.locales().items(collectionId, fr).stream()
                    .filter(v -> v.fieldData().path("name").asText().endsWith("(FR)"))
                    .count()
                == 2);
    assertThat(webflow.locales().items(collectionId, fr))
        .extracting(v -> v.fieldData().path("name").asText())
        .containsExactlyInAnyOrder("Tea 1 (FR)", "Tea 2 (FR)");
    assertThat(webflow.items(collectionId))
        .extracting(SimItem::id)
        .containsExactlyInAnyOrderElementsOf(
            webflow.locales().items(collectionId, fr).stream().map(SimItem::id).toList());
  }

  private void next() {
    browser.clickable(By.id("wizard-next")).click();
  }

  private void pick(String side, String container, String collection) {
    WebElement c = browser.clickable(By.id("w-" + side + "-container"));
    if (c.getTagName().equals("select")) {
      new Select(c).selectByValue(container);
      new Select(browser.clickable(By.id("w-" + side + "-collection"))).selectByValue(collection);
    } else {
      c.sendKeys(container);
      browser.driver.findElement(By.id("w-" + side + "-collection")).sendKeys(collection);
    }
  }

  private static By row(String field, String inner) {
    return By.cssSelector(".mapping-editor tr[data-field='" + field + "'] " + inner);
  }
}
