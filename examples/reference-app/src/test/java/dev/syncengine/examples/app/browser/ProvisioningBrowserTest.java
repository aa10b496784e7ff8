package dev.syncengine.examples.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.examples.app.demo.DemoSimulators;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
 * Issue #19 in a real browser against the reference app in demo mode: the wizard creates a new
 * Webflow collection from a SmartSuite table (proposal edited: one field left out), the mapping
 * step adds the left-out field to Webflow, and the table's records arrive in the new collection.
 * Screenshots go to {@code target/screenshots/}.
 */
@Timeout(180)
class ProvisioningBrowserTest {
  static final String PASSWORD = "browser-test-password";
  static final String SOLUTION = "sol_demo";
  static final String TABLE = "tbl_blends";
  static final String CONNECTION = "blends";
  static final int RECORDS = 4;
  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext app;
  static Browser browser;
  static SmartSuiteSimulator smartSuite;
  static WebflowSimulator webflow;
  static String siteId;
  static final List<String> recordIds = new java.util.ArrayList<>();

  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    app = DemoApp.start(5, PASSWORD);
    DemoSimulators sims = app.getBean(DemoSimulators.class);
    smartSuite = sims.smartSuite();
    webflow = sims.webflow();
    siteId = sims.siteId();
    Map<String, String> strength = new LinkedHashMap<>();
    strength.put("st1", "Mild");
    strength.put("st2", "Strong");
    smartSuite.createTable(
        SOLUTION,
        TABLE,
        "Tea blends",
        List.of(
            SimField.of("b_price", "Price", "numberfield"),
            SimField.choices("b_strength", "Strength", "singleselectfield", strength),
            SimField.of("b_origin", "Origin", "textfield")));
    for (int i = 1; i <= RECORDS; i++) {
      ObjectNode values = JSON.createObjectNode();
      values.put("title", "Blend " + i);
      values.put("b_price", String.valueOf(5 + i));
      values.put("b_strength", i % 2 == 0 ? "st2" : "st1");
      values.put("b_origin", "Origin " + i);
      recordIds.add(smartSuite.createRecord(TABLE, values).get("id").asText());
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
  void provisionsACollectionFromTheWizardAndSeesTheRecordsArrive() throws Throwable {
    try {
      walkThrough();
    } catch (Throwable t) {
      browser.screenshot("p99-failure");
      throw t;
    }
  }

  private void walkThrough() throws Exception {
    signIn();
    browser.open("#/connections/new");
    browser.clickable(By.id("w-name")).sendKeys("Tea blends");
    WebElement id = browser.driver.findElement(By.id("w-id"));
    id.clear();
    id.sendKeys(CONNECTION);
    browser.driver.findElement(By.id("w-smartsuite-apiKey")).sendKeys(DemoSimulators.API_KEY);
    browser.driver.findElement(By.id("w-smartsuite-accountId")).sendKeys(DemoSimulators.ACCOUNT_ID);
    browser.driver.findElement(By.id("w-webflow-token")).sendKeys(DemoSimulators.WEBFLOW_TOKEN);
    browser.driver.findElement(By.id("test-credentials")).click();
    browser.present(By.cssSelector("#test-result .callout-ok"));
    next();
    new Select(browser.clickable(By.id("w-source-container"))).selectByValue(SOLUTION);
    new Select(browser.clickable(By.id("w-source-collection"))).selectByValue(TABLE);
    next();
    new Select(browser.clickable(By.id("w-target-container"))).selectByValue(siteId);
    new Select(browser.clickable(By.id("w-target-collection"))).selectByValue("__new__");
    next();

    // The proposal: one row per SmartSuite field, with the best Webflow type.
    browser.present(By.cssSelector("#p-fields tr[data-source='b_origin']"));
    assertThat(kindOf("b_price")).isEqualTo("NUMBER");
    assertThat(kindOf("b_strength")).isEqualTo("OPTION");
    assertThat(kindOf("b_origin")).isEqualTo("TEXT");
    WebElement name = browser.driver.findElement(By.id("p-name"));
    name.clear();
    name.sendKeys("Blends");
    browser
        .driver
        .findElement(By.cssSelector("#p-fields tr[data-source='b_origin'] input[type=checkbox]"))
        .click(); // left out now, added from the mapping step below
    browser.screenshot("p01-wizard-proposal");
    next(); // "Create collection"

    browser.present(By.cssSelector(".mapping-editor"));
    String collection = collectionOfConnection();
    assertThat(collection).isNotEqualTo("new");
    assertThat(webflow.schema(collection).slugs())
        .containsExactly("name", "slug", "price", "strength");
    browser.awaitText(By.cssSelector(".preview-status"), "all fields map");
    browser.clickable(By.cssSelector("#add-fields button[data-add-field='b_origin']")).click();
    await("the origin field in Webflow", () -> webflow.schema(collection).field("origin") != null);
    browser.present(By.cssSelector(".mapping-editor tr[data-field='origin']"));
    browser.awaitText(By.cssSelector(".preview-status"), "all fields map");
    browser.screenshot("p02-wizard-mapping");
    next();
    browser.clickable(By.id("w-slug"));
    next();
    browser.present(By.cssSelector("#w-preview .callout-ok"));
    next();
    browser.clickable(By.id("w-save")).click();
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(ExpectedConditions.elementToBeClickable(By.id("w-open-connection")));
    browser.screenshot("p03-wizard-saved");

    await("the blends in the new collection", () -> webflow.items(collection).size() == RECORDS);
    List<SimItem> items = webflow.items(collection);
    SimItem first =
        items.stream()
            .filter(i -> i.fieldData().path("name").asText().equals("Blend 2"))
            .findFirst()
            .orElseThrow();
    assertThat(first.fieldData().path("price").asDouble()).isEqualTo(7.0);
    assertThat(first.fieldData().path("origin").asText()).isEqualTo("Origin 2");
    String strong =
        webflow
            .schema(collection)
            .field("strength")
            .validations()
            .path("options")
            .get(1)
            .path("id")
            .asText();
    assertThat(first.fieldData().path("strength").asText()).isEqualTo(strong);
    assertThat(webflow.schema(collection).slugs()).hasSize(5); // nothing created twice

    // Schema drift: the origin field is deleted in Webflow. Its rule pauses, the rest syncs, and
    // the connection page says so.
    webflow.schema(collection).remove("origin");
    ObjectNode change =
        JSON.createObjectNode().put("title", "Blend 2, renamed").put("b_origin", "x");
    smartSuite.updateRecord(TABLE, recordIds.get(1), change);
    await(
        "the rename to arrive without the origin",
        () ->
            webflow.items(collection).stream()
                .anyMatch(i -> i.fieldData().path("name").asText().equals("Blend 2, renamed")));
    browser.open("#/connections/" + CONNECTION);
    browser.awaitText(By.cssSelector("#connection-problems li[data-problem='schema']"), "'origin'");
    browser.screenshot("p04-schema-drift");
    assertThat(
            app.getBean(Stores.class)
                .jobs()
                .counts(CONNECTION)
                .getOrDefault(dev.syncengine.core.model.JobState.DEAD, 0L))
        .isZero();
  }

  private String kindOf(String source) {
    return new Select(
            browser.driver.findElement(
                By.cssSelector("#p-fields tr[data-source='" + source + "'] select")))
        .getFirstSelectedOption()
        .getAttribute("value");
  }

  private String collectionOfConnection() {
    return app.getBean(Stores.class)
        .connections()
        .find(CONNECTION)
        .map(ConnectionConfig::target)
        .orElseThrow()
        .id();
  }

  private void signIn() {
    DemoApp.signIn(browser, PASSWORD);
  }

  private void next() {
    browser.clickable(By.id("wizard-next")).click();
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    Await.until(Duration.ofSeconds(40), () -> what, condition);
  }
}
