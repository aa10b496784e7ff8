package dev.syncengine.examples.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.examples.app.demo.DemoSimulators;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The dashboard in a real browser against the reference app in demo mode: sign in, create a
 * connection with the wizard, watch records arrive in the events inbox and in the Webflow
 * simulator, break the mapping so changes dead-letter, fix it, replay them and see them succeed.
 * Screenshots go to {@code target/screenshots/}.
 */
@Timeout(180)
class DashboardBrowserTest {
  static final String PASSWORD = "browser-test-password";
  static final String SOLUTION = "sol_demo";
  static final String TABLE = "tbl_tastings";
  static final String CONNECTION = "tastings";
  static final int RECORDS = 5;
  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext app;
  static Browser browser;
  static SmartSuiteSimulator smartSuite;
  static WebflowSimulator webflow;
  static String siteId;
  static String appUrl;
  static String collectionId;
  static final List<String> recordIds = new ArrayList<>();

  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    app = DemoApp.start(20, PASSWORD);
    appUrl = DemoApp.url(app);
    DemoSimulators sims = app.getBean(DemoSimulators.class);
    smartSuite = sims.smartSuite();
    webflow = sims.webflow();
    siteId = sims.siteId();
    // A table and a collection of their own, so the wizard's connection is the only writer.
    smartSuite.createTable(
        SOLUTION,
        TABLE,
        "Tea tastings",
        List.of(
            SimField.of("s_price", "Price", "numberfield"),
            SimField.of("s_notes", "Notes", "textareafield")));
    collectionId =
        webflow.createCollection(
            siteId,
            "Tastings",
            List.of(
                dev.syncengine.testing.webflow.SimField.required("price", "Number"),
                dev.syncengine.testing.webflow.SimField.optional("notes", "PlainText")));
    for (int i = 1; i <= RECORDS; i++) {
      ObjectNode values = JSON.createObjectNode();
      values.put("title", "Tasting " + i);
      values.put("s_price", String.valueOf(10 + i));
      values.put("s_notes", "first pour " + i);
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
  void createsAConnectionWithTheWizardThenRecoversDeadLettersByFixingTheMappingAndReplaying()
      throws Exception {
    try {
      walkThrough();
    } catch (Throwable t) {
      browser.screenshot("99-failure");
      throw t;
    }
  }

  private void walkThrough() throws Exception {
    signIn();
    leaveADraftThenDiscardOne();
    createConnectionWithWizard();

    // Records arrive: done in the events inbox, items in the Webflow simulator.
    await("5 items in the Webflow simulator", () -> items().size() == RECORDS);
    browser.open("#/events?connectionId=" + CONNECTION + "&status=done");
    browser
        .waitUpTo(Duration.ofSeconds(30))
        .until(
            d ->
                d.findElements(By.cssSelector("#events-table tr[data-state=DONE]")).size()
                    >= RECORDS);
    browser.screenshot("05-events-done");
    assertThat(items())
        .extracting(i -> i.fieldData().path("name").asText())
        .containsExactlyInAnyOrder("Tasting 1", "Tasting 2", "Tasting 3", "Tasting 4", "Tasting 5");
    assertThat(items())
        .allSatisfy(i -> assertThat(i.fieldData().path("price").isNumber()).isTrue());

    // Break the mapping: a template of the title cannot be a Number.
    browser.open("#/connections/" + CONNECTION);
    setRule("price", "template");
    WebElement template = browser.clickable(row("price", "input.rule-text"));
    template.sendKeys("{{Title}}");
    browser.awaitText(row("price", ".ferr"), "Number");
    // two-way building blocks: a template is one-way, and the editor says why
    browser.awaitText(row("price", ".dir-note"), "One-way: a template rule cannot be inverted");
    browser.clickable(By.id("save-mapping")).click();
    // the preview fails, so saving asks first
    browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    browser.awaitText(By.id("mapping-message"), "Saved as version 2");
    browser.screenshot("06-mapping-broken");

    editEveryRecord("second pour");
    browser.open("#/events?connectionId=" + CONNECTION + "&status=dead");
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(
            d ->
                d.findElements(By.cssSelector("#events-table tr[data-state=DEAD]")).size()
                    == RECORDS);
    assertThat(browser.driver.findElement(By.id("events-table")).getText()).contains("price");
    browser.screenshot("07-events-dead");

    // Fix it: back to the Price field.
    browser.open("#/connections/" + CONNECTION);
    setRule("price", "direct");
    new Select(browser.clickable(row("price", "select.rule-source"))).selectByValue("s_price");
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(row("price", ".ferr")).isEmpty()
                    && !d.findElement(row("price", ".out")).getText().isBlank());
    browser.awaitText(row("price", ".dir-note"), "can flow back");
    assertThat(
            new Select(browser.driver.findElement(row("price", "select.rule-owner")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("smartsuite");
    browser.clickable(By.id("save-mapping")).click();
    browser.awaitText(By.id("mapping-message"), "Saved as version 3");

    // Replay the dead letters in bulk and see them succeed.
    browser.open("#/events?connectionId=" + CONNECTION + "&status=dead");
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("#events-table tr[data-state=DEAD]")).size()
                    == RECORDS);
    // One record's dead letter by filter: the bulk button replays what the filters match, only.
    browser.open(
        "#/events?connectionId=" + CONNECTION + "&status=dead&recordId=" + recordIds.get(0));
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d -> d.findElements(By.cssSelector("#events-table tr[data-state=DEAD]")).size() == 1);
    browser.clickable(By.id("replay-all-dead")).click();
    assertThat(
            browser
                .waitUpTo(Duration.ofSeconds(5))
                .until(ExpectedConditions.alertIsPresent())
                .getText())
        .startsWith("Replay 1 dead event matching the filters");
    browser.driver.switchTo().alert().accept();
    browser.awaitText(By.id("toasts"), "Replayed 1 event.");
    // The rest by selection.
    browser.open("#/events?connectionId=" + CONNECTION + "&status=dead");
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("#events-table tr[data-state=DEAD]")).size()
                    == RECORDS - 1);
    browser.clickable(By.id("ev-select-all")).click();
    WebElement replay = browser.clickable(By.id("replay-selected"));
    assertThat(replay.getText()).isEqualTo("Replay " + (RECORDS - 1) + " selected");
    replay.click();
    browser.awaitText(By.id("toasts"), "Replayed " + (RECORDS - 1) + " events");
    await(
        "every item carries the second pour",
        () ->
            items().stream()
                .allMatch(i -> i.fieldData().path("notes").asText().startsWith("second pour")));
    browser.open("#/events?connectionId=" + CONNECTION + "&status=dead");
    browser.awaitText(By.id("events-table"), "No events match");
    browser.open("#/events?connectionId=" + CONNECTION);
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("#events-table tr[data-state=DONE]")).size()
                        >= RECORDS
                    && d.findElements(By.cssSelector("#events-table tr[data-state=DEAD]"))
                        .isEmpty());
    browser.screenshot("08-events-replayed");

    // The item inspector shows the record's history and the diff between its two syncs.
    browser.open("#/items?connectionId=" + CONNECTION + "&recordId=" + recordIds.get(0));
    browser.awaitText(By.id("item-result"), "second pour 1");
    browser.screenshot("09-item-inspector");

    browser.open("#/overview");
    browser.present(By.cssSelector(".kpis"));
    browser.screenshot("10-overview");

    // Keyboard: the control that was used keeps the focus after its card is redrawn.
    browser.open("#/connections/" + CONNECTION);
    for (String expected : List.of("Paused", "Resumed")) {
      WebElement toggle = browser.clickable(By.id("pause-toggle"));
      toggle.sendKeys(org.openqa.selenium.Keys.ENTER);
      browser.awaitText(By.id("toasts"), expected);
      browser
          .waitUpTo(Duration.ofSeconds(5))
          .until(d -> "pause-toggle".equals(d.switchTo().activeElement().getAttribute("id")));
    }
    browser.clickable(By.id("wh-check")).sendKeys(org.openqa.selenium.Keys.ENTER);
    browser
        .waitUpTo(Duration.ofSeconds(10))
        .until(d -> "wh-check".equals(d.switchTo().activeElement().getAttribute("id")));

    refusedPingsShowAWarningOnTheConnection();
    aWebflowEditShowsAsAReverseEvent();

    // A phone-sized window: pages fit its width (wide tables scroll inside their own box).
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      for (String page :
          List.of(
              "#/connections",
              "#/events?connectionId=" + CONNECTION,
              "#/connections/" + CONNECTION,
              "#/items")) {
        browser.open(page);
        browser.present(By.cssSelector(".page-title"));
        Thread.sleep(300); // let the page's data arrive and lay out
        long overflow =
            ((Number)
                    browser.driver.executeScript(
                        "return document.documentElement.scrollWidth"
                            + " - document.documentElement.clientWidth"))
                .longValue();
        assertThat(overflow).as("horizontal overflow of %s at 390 px", page).isLessThanOrEqualTo(0);
      }
      browser.screenshot("11-events-narrow");
    } finally {
      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
    }
  }

  /**
   * Issue #18, first slice: the connection turns two-way, the engine registers its webhooks in the
   * Webflow simulator, an edit made there in the Editor is delivered over real HTTP to the ingress,
   * and the events inbox lists it as a reverse event, Webflow to SmartSuite.
   */
  private void aWebflowEditShowsAsAReverseEvent() throws Exception {
    dev.syncengine.core.SyncEngine engine = app.getBean(dev.syncengine.core.SyncEngine.class);
    ConnectionConfig c = engine.inspect().connection(CONNECTION).orElseThrow();
    engine.admin().update(c.toBuilder().option(TwoWay.OPTION_ENABLED, "true").build());
    String token = c.credentials().get(Credentials.WEBHOOK_TOKEN).orElseThrow();
    engine
        .twoWay()
        .registerWebhooks(
            CONNECTION, appUrl + "/sync/hooks/" + CONNECTION + "/" + token + TwoWay.URL_SUFFIX);
    String item = items().get(0).id();
    webflow
        .webhooks()
        .editItem(collectionId, item, JSON.createObjectNode().put("notes", "edited in Webflow"));

    browser.open("#/events?connectionId=" + CONNECTION);
    browser
        .waitUpTo(Duration.ofSeconds(30))
        .until(
            d ->
                d.findElements(By.cssSelector("#reverse-events-table tr[data-reverse-event]"))
                        .size()
                    == 1);
    assertThat(browser.driver.findElement(By.id("reverse-events")).getText())
        .contains("Webflow → SmartSuite")
        .contains(item)
        .contains("collection_item_changed");
    browser.screenshot("12-reverse-events");
  }

  /**
   * Issue #20: SmartSuite kept pinging a connection whose webhook the engine thought unregistered,
   * and the refusals were silent. Pings over real HTTP to the ingress, with the right URL token,
   * for a connection with no stored webhook id: the list and the connection page warn, with the
   * reason and the exact count.
   */
  private void refusedPingsShowAWarningOnTheConnection() throws Exception {
    Stores stores = app.getBean(Stores.class);
    dev.syncengine.core.SyncEngine engine = app.getBean(dev.syncengine.core.SyncEngine.class);
    ConnectionConfig c = stores.connections().find(CONNECTION).orElseThrow();
    String webhookOption = dev.syncengine.smartsuite.SmartSuiteSource.OPTION_WEBHOOK_ID;
    String webhookId = c.options().get(webhookOption);
    engine.admin().update(c.toBuilder().option(webhookOption, null).build());
    String token = c.credentials().require(dev.syncengine.core.model.Credentials.WEBHOOK_TOKEN);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    int refused = 7;
    for (int i = 0; i < refused; i++) {
      java.net.http.HttpResponse<String> r =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(appUrl + "/sync/hooks/" + CONNECTION + "/" + token))
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"webhookId\":\"" + (webhookId == null ? "wh" : webhookId) + "\"}"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("ping %d", i).isEqualTo(401);
      assertThat(r.body()).doesNotContain("webhook registered");
    }

    browser.open("#/connections");
    WebElement note =
        browser.present(By.cssSelector("tr[data-connection=" + CONNECTION + "] .problem-note"));
    assertThat(note.getText()).contains(refused + " webhook deliveries refused");
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("tr[data-connection=" + CONNECTION + "] .pill"))
                .getText())
        .isEqualTo("Needs attention");

    browser.open("#/connections/" + CONNECTION);
    browser.awaitText(By.id("connection-problems"), refused + " webhook deliveries refused");
    String warning = browser.driver.findElement(By.id("connection-problems")).getText();
    assertThat(warning)
        .contains("no webhook registered for this connection")
        .contains("no_webhook_registered_for_this_connection")
        .doesNotContain(token);
    browser.screenshot("10b-refused-pings-warning");

    // Registered again, a ping is accepted and the warning goes away.
    if (webhookId != null) {
      engine
          .admin()
          .update(
              engine.inspect().connection(CONNECTION).orElseThrow().toBuilder()
                  .option(webhookOption, webhookId)
                  .build());
      java.net.http.HttpResponse<String> ok =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(appUrl + "/sync/hooks/" + CONNECTION + "/" + token))
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"webhookId\":\"" + webhookId + "\"}"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isBetween(200, 202);
      browser
          .waitUpTo(Duration.ofSeconds(15))
          .until(d -> d.findElements(By.id("connection-problems")).isEmpty());
    }
  }

  private void signIn() throws Exception {
    browser.open("");
    browser.clickable(By.id("password")).sendKeys("wrong password");
    browser.driver.findElement(By.id("login-submit")).click();
    browser.awaitText(By.id("login-error"), "not right");
    browser.screenshot("01-login-refused");
    WebElement pw = browser.driver.findElement(By.id("password"));
    pw.clear();
    pw.sendKeys(PASSWORD);
    browser.driver.findElement(By.id("login-submit")).click();
    browser.present(By.cssSelector(".kpis"));
  }

  /**
   * A wizard left after step 3 leaves a paused draft the list marks "Setup unfinished", whose page
   * says how to finish or delete it; the wizard's Cancel deletes its draft.
   */
  private void leaveADraftThenDiscardOne() throws Exception {
    startWizard("Left behind", "left-behind");
    browser.open("#/connections");
    browser.awaitText(By.cssSelector("tr[data-connection='left-behind']"), "Setup unfinished");
    browser.open("#/connections/left-behind");
    browser.present(By.cssSelector("#setup-unfinished .callout"));
    browser.screenshot("02a-setup-unfinished");
    browser.clickable(By.id("delete-connection")).click();
    browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    browser.present(By.cssSelector("tr[data-connection]"));

    startWizard("Changed my mind", "discarded");
    browser.clickable(By.id("wizard-cancel")).click();
    browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("#/connections$"));
    browser.present(By.cssSelector("tr[data-connection]"));
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-connection]")))
        .extracting(row -> row.getAttribute("data-connection"))
        .doesNotContain("left-behind", "discarded");
    assertThat(app.getBean(Stores.class).connections().list().stream().map(ConnectionConfig::id))
        .doesNotContain("left-behind", "discarded");
  }

  /** Credentials, source and target: the wizard has then saved a paused draft connection. */
  private void startWizard(String name, String connectionId) throws Exception {
    browser.open("#/connections/new");
    browser.clickable(By.id("w-name")).sendKeys(name);
    WebElement id = browser.driver.findElement(By.id("w-id"));
    id.clear();
    id.sendKeys(connectionId);
    browser.driver.findElement(By.id("w-smartsuite-apiKey")).sendKeys(DemoSimulators.API_KEY);
    browser.driver.findElement(By.id("w-smartsuite-accountId")).sendKeys(DemoSimulators.ACCOUNT_ID);
    browser.driver.findElement(By.id("w-webflow-token")).sendKeys(DemoSimulators.WEBFLOW_TOKEN);
    browser.driver.findElement(By.id("test-credentials")).click();
    browser.present(By.cssSelector("#test-result .callout-ok"));
    browser.screenshot("02-wizard-credentials");
    next();
    pick("source", SOLUTION, TABLE);
    next();
    pick("target", siteId, collectionId);
    next();
    browser.present(By.cssSelector(".mapping-editor"));
  }

  private void createConnectionWithWizard() throws Exception {
    startWizard("Tea tastings", CONNECTION);
    // Auto-mapped fields with the live preview of the first record.
    browser.awaitText(By.cssSelector(".preview-status"), "all fields map");
    assertThat(
            new Select(browser.driver.findElement(row("price", "select.rule-source")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("s_price");
    browser.screenshot("03-wizard-mapping");
    next();
    browser.clickable(By.id("w-slug"));
    next();
    browser.present(By.cssSelector("#w-preview .callout-ok"));
    browser.screenshot("04-wizard-test");
    next();
    browser.clickable(By.id("w-save")).click();
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(ExpectedConditions.elementToBeClickable(By.id("w-open-connection")));
    assertThat(browser.driver.findElement(By.id("w-webhook-url")).getText())
        .contains("/sync/hooks/" + CONNECTION + "/");
    browser.screenshot("04b-wizard-saved");
  }

  private void next() {
    browser.clickable(By.id("wizard-next")).click();
  }

  /** Chooses from the lists when the adapter can list, else types the ids. */
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

  private void setRule(String field, String kind) {
    new Select(browser.clickable(row(field, "select.rule-kind"))).selectByValue(kind);
  }

  private static By row(String field, String inner) {
    return By.cssSelector(".mapping-editor tr[data-field='" + field + "'] " + inner);
  }

  private void editEveryRecord(String notes) {
    for (int i = 0; i < recordIds.size(); i++) {
      ObjectNode changes = JSON.createObjectNode().put("s_notes", notes + " " + (i + 1));
      smartSuite.updateRecord(TABLE, recordIds.get(i), changes);
    }
  }

  private List<SimItem> items() {
    return webflow.items(collectionId);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
