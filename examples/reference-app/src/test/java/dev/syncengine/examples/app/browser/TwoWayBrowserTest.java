package dev.syncengine.examples.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.TwoWay;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.examples.app.demo.DemoSimulators;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SimWrite;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #18 in a real browser against the reference app in demo mode (H2 store, both simulators,
 * the engine's workers and reverse worker running): the wizard makes a two-way connection (its
 * Direction choice refuses "create records" without an item id field and offers only text fields),
 * registers the Webflow webhooks, and two items deleted in Webflow (in the Editor, and through its
 * API) wait under Pending deletes; rejecting one makes its item again; approving the other, refused
 * once by SmartSuite (the error says so and the delete stays pending), then deletes its SmartSuite
 * record. The connection page and the item inspector show a conflict with its losing value.
 */
@Timeout(240)
class TwoWayBrowserTest {
  static final String PASSWORD = "browser-test-password";
  static final String SOLUTION = "sol_demo";
  static final String TABLE = "tbl_pairings";
  static final String CONNECTION = "pairings";
  static final int RECORDS = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext app;
  static Browser browser;
  static SmartSuiteSimulator smartSuite;
  static WebflowSimulator webflow;
  static String siteId;
  static String collectionId;
  static final List<String> recordIds = new ArrayList<>();

  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    app = DemoApp.start(3, PASSWORD);
    DemoSimulators sims = app.getBean(DemoSimulators.class);
    smartSuite = sims.smartSuite();
    webflow = sims.webflow();
    siteId = sims.siteId();
    smartSuite.createTable(
        SOLUTION,
        TABLE,
        "Tea pairings",
        List.of(
            SimField.of("s_price", "Price", "numberfield"),
            SimField.of("s_notes", "Notes", "textfield")));
    collectionId =
        webflow.createCollection(
            siteId,
            "Pairings",
            List.of(
                dev.syncengine.testing.webflow.SimField.required("price", "Number"),
                dev.syncengine.testing.webflow.SimField.optional("notes", "PlainText")));
    for (int i = 1; i <= RECORDS; i++) {
      ObjectNode values = JSON.createObjectNode();
      values.put("title", "Pairing " + i);
      values.put("s_price", String.valueOf(20 + i));
      values.put("s_notes", "with scones " + i);
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
  void picksTwoWayInTheWizardThenRejectsOneWebflowDeleteAndApprovesAnother() throws Throwable {
    try {
      walkThrough();
    } catch (Throwable t) {
      browser.screenshot("t99-failure");
      throw t;
    }
  }

  private void walkThrough() throws Exception {
    DemoApp.signIn(browser, PASSWORD);
    createTwoWayConnectionWithTheWizard();
    Map<String, String> options =
        app.getBean(Stores.class).connections().find(CONNECTION).orElseThrow().options();
    assertThat(options)
        .containsEntry(TwoWay.OPTION_ENABLED, "true")
        .containsEntry(TwoWay.OPTION_CONFLICTS, "newest")
        .containsEntry(TwoWay.OPTION_DELETES, "ask")
        .containsEntry(TwoWay.OPTION_CREATE_RECORDS, "false");
    assertThat(webflow.webhooks().registrations(siteId))
        .extracting(w -> w.path("triggerType").asText())
        .contains("collection_item_deleted");
    await("3 items in Webflow", () -> items().size() == RECORDS);

    // Two items deleted in Webflow: both wait for a person, and neither record is touched.
    SimItem kept = item("Pairing 1");
    SimItem gone = item("Pairing 2");
    webflow.webhooks().deleteItem(collectionId, kept.id()); // by a person, in the Editor
    deleteThroughWebflowsApi(gone.id()); // by another tool
    browser.open("#/pending-deletes?connectionId=" + CONNECTION);
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(
            d ->
                d.findElements(By.cssSelector("#pending-deletes-table tr[data-item]")).size() == 2);
    WebElement keptRow = row(kept.id());
    assertThat(keptRow.getText()).contains("Pairing 1").contains(recordIds.get(0));
    assertThat(keptRow.getText()).containsPattern("(just now|s ago|min ago)");
    assertThat(row(gone.id()).getAttribute("data-record")).isEqualTo(recordIds.get(1));
    assertThat(smartSuite.record(TABLE, recordIds.get(0))).isPresent();
    assertThat(smartSuite.record(TABLE, recordIds.get(1))).isPresent();
    browser.screenshot("t03-pending-deletes");

    // Reject the first, from the keyboard: the record stays and its item is made again.
    WebElement reject = keptRow.findElement(By.cssSelector("button[id^=pd-reject-]"));
    assertThat(reject.getAttribute("aria-label")).contains("keep record " + recordIds.get(0));
    reject.sendKeys(Keys.ENTER);
    browser.awaitText(By.id("toasts"), "Rejected: record " + recordIds.get(0) + " kept");
    await(
        "Pairing 1 back in Webflow under a new item",
        () -> items().stream().anyMatch(i -> isNamed(i, "Pairing 1") && !i.id().equals(kept.id())));
    browser
        .waitUpTo(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.cssSelector("#pending-deletes-table tr[data-item]")).size() == 1);
    // the focus lands on the remaining row's first button, not on the page body
    browser
        .waitUpTo(Duration.ofSeconds(5))
        .until(
            d ->
                d.switchTo().activeElement().getAttribute("id") != null
                    && d.switchTo().activeElement().getAttribute("id").startsWith("pd-"));

    // SmartSuite refuses the first approval: the error names it and the delete stays pending.
    smartSuite.writeFaults().fail(422, 1, SimWrite.DELETE);
    row(gone.id()).findElement(By.cssSelector("button[id^=pd-approve-]")).click();
    browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    browser.awaitText(By.id("pd-status"), "smartsuite refused the delete");
    assertThat(browser.driver.findElement(By.id("pd-status")).getText())
        .contains("the delete stays pending");
    assertThat(smartSuite.record(TABLE, recordIds.get(1))).isPresent();
    assertThat(browser.driver.findElements(By.cssSelector("#pending-deletes-table tr[data-item]")))
        .hasSize(1);
    browser.screenshot("t04-approval-refused");

    // Approve the second again: SmartSuite's record is deleted.
    row(gone.id()).findElement(By.cssSelector("button[id^=pd-approve-]")).click();
    assertThat(
            browser
                .waitUpTo(Duration.ofSeconds(5))
                .until(ExpectedConditions.alertIsPresent())
                .getText())
        .contains("Delete SmartSuite record " + recordIds.get(1));
    browser.driver.switchTo().alert().accept();
    await(
        "record 2 gone from SmartSuite",
        () -> smartSuite.record(TABLE, recordIds.get(1)).isEmpty());
    browser.awaitText(By.id("pending-deletes-table"), "Nothing waiting");
    assertThat(smartSuite.record(TABLE, recordIds.get(0))).isPresent();
    assertThat(items()).noneMatch(i -> isNamed(i, "Pairing 2"));
    browser.screenshot("t04b-pending-deletes-decided");

    conflictsShowTheLosingValue();
  }

  private void createTwoWayConnectionWithTheWizard() throws Exception {
    browser.open("#/connections/new");
    browser.clickable(By.id("w-name")).sendKeys("Tea pairings");
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
    new Select(browser.clickable(By.id("w-target-collection"))).selectByValue(collectionId);
    next();
    browser.awaitText(By.cssSelector(".preview-status"), "all fields map");
    next();

    // Direction: one-way by default, its two-way settings hidden until chosen.
    WebElement oneWay = browser.clickable(By.id("w-tw-dir-one-way"));
    assertThat(oneWay.isSelected()).isTrue();
    assertThat(browser.driver.findElement(By.id("w-tw-two-way-settings")).isDisplayed()).isFalse();
    browser.driver.findElement(By.cssSelector("label[for=w-tw-dir-two-way]")).click();
    assertThat(browser.clickable(By.id("w-tw-conflicts")).isDisplayed()).isTrue();
    assertThat(
            new Select(browser.driver.findElement(By.id("w-tw-deletes")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("ask");
    // Creating records needs an item id field, and only the table's text fields are offered.
    browser.driver.findElement(By.id("w-tw-create")).click();
    List<String> offered =
        new Select(browser.clickable(By.id("w-tw-item-id-field")))
            .getOptions().stream()
                .map(o -> o.getAttribute("value"))
                .filter(v -> !v.isEmpty())
                .toList();
    assertThat(offered).contains("title", "s_notes").doesNotContain("s_price");
    next();
    browser.awaitText(By.cssSelector(".wizard-error"), "Choose the SmartSuite text field");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id"))
        .isEqualTo("w-tw-item-id-field");
    browser.screenshot("t01-wizard-direction");
    browser.driver.findElement(By.id("w-tw-create")).click(); // not needed here: off again
    next();
    browser.present(By.cssSelector("#w-preview .callout-ok"));
    next();
    assertThat(browser.clickable(By.id("w-direction-summary")).getText())
        .startsWith("Two-way")
        .contains("Webflow deletes: ask");
    browser.clickable(By.id("w-save")).click();
    browser
        .waitUpTo(Duration.ofSeconds(40))
        .until(ExpectedConditions.elementToBeClickable(By.id("w-open-connection")));
    assertThat(browser.driver.findElement(By.cssSelector(".save-log")).getText())
        .contains("✓ Register the Webflow webhooks (two-way)");
    browser.screenshot("t02-wizard-saved");
  }

  /**
   * A conflict as the reverse worker logs it (action {@code conflict}, job id minus the change id):
   * the connection's Conflicts card and the record's item inspector show the winner, the value kept
   * and the value lost.
   */
  private void conflictsShowTheLosingValue() throws Exception {
    ObjectNode detail = JSON.createObjectNode().put("policy", "newest");
    ObjectNode f = detail.putArray("fields").addObject();
    f.put("field", "notes").put("winner", "webflow");
    f.put("kept", "with lemon cake").put("lost", "with scones 1");
    detail.put("sourceVersion", "2026-12-07T10:00:00Z");
    detail.put("targetVersion", "2026-12-07T10:00:05Z");
    detail.put("changeId", 4242);
    app.getBean(Stores.class)
        .eventLog()
        .append(
            List.of(
                new LogEntry(
                    0,
                    CONNECTION,
                    -4242,
                    recordIds.get(0),
                    item("Pairing 1").id(),
                    TwoWay.CONFLICT_ACTION,
                    LogStatus.SUCCESS,
                    1,
                    null,
                    "conflict on notes",
                    0,
                    0,
                    Instant.now(),
                    detail)));

    browser.open("#/connections/" + CONNECTION);
    browser.awaitText(By.cssSelector("#direction-card #c-tw-pill"), "Two-way");
    assertThat(browser.driver.findElement(By.id("c-tw-dir-two-way")).isSelected()).isTrue();
    browser.awaitText(By.id("conflicts-card"), "with lemon cake");
    WebElement conflict =
        browser.driver.findElement(By.cssSelector("#conflicts-card tr[data-field=notes]"));
    assertThat(conflict.getText()).contains("Webflow").contains("with scones 1");
    assertThat(conflict.findElement(By.cssSelector("del")).getText()).isEqualTo("with scones 1");
    browser.screenshot("t05-connection-two-way");

    // The same settings on the connection page: the delete policy changed and saved.
    new Select(browser.clickable(By.id("c-tw-deletes"))).selectByValue("ignore");
    browser.driver.findElement(By.id("c-tw-save")).click();
    browser.awaitText(By.id("c-tw-message"), "Saved.");
    assertThat(browser.driver.findElement(By.id("c-tw-message")).getText())
        .contains("Webflow deletes: ignore");
    assertThat(app.getBean(Stores.class).connections().find(CONNECTION).orElseThrow().options())
        .containsEntry(TwoWay.OPTION_DELETES, "ignore")
        .containsEntry(TwoWay.OPTION_ENABLED, "true");
    browser.awaitText(By.id("summary-direction"), "Webflow deletes: ignore");

    browser.open("#/items?connectionId=" + CONNECTION + "&recordId=" + recordIds.get(0));
    browser.awaitText(By.id("item-conflicts"), "with scones 1");
    assertThat(browser.driver.findElement(By.id("item-conflicts")).getText())
        .contains("notes")
        .contains("with lemon cake");
    browser.screenshot("t06-item-conflicts");
  }

  private WebElement row(String itemId) {
    return browser.present(By.cssSelector("#pending-deletes-table tr[data-item='" + itemId + "']"));
  }

  /**
   * Deletes an item through Webflow's API as another tool would: Webflow then delivers the delete.
   */
  private void deleteThroughWebflowsApi(String itemId) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            webflow.baseUrl()
                                + "/collections/"
                                + collectionId
                                + "/items/"
                                + itemId))
                    .header("Authorization", "Bearer " + DemoSimulators.WEBFLOW_TOKEN)
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
  }

  private SimItem item(String name) {
    return items().stream().filter(i -> isNamed(i, name)).findFirst().orElseThrow();
  }

  private static boolean isNamed(SimItem i, String name) {
    return i.fieldData().path("name").asText().equals(name);
  }

  private List<SimItem> items() {
    return webflow.items(collectionId);
  }

  private void next() {
    browser.clickable(By.id("wizard-next")).click();
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    Await.until(Duration.ofSeconds(40), () -> what, condition);
  }
}
