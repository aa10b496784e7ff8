package dev.syncengine.examples.app.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: nothing is downloaded. Fails
 * (never skips) when either binary is missing, because CI installs them.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  private final String base;

  Browser(String base, Path screenshots) throws IOException {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p
                + " is missing: the browser tests drive Debian's headless Chromium. Install it with"
                + " 'apt-get install chromium chromium-driver' (.ci/run does).");
      }
    }
    this.base = base;
    this.screenshots = Files.createDirectories(screenshots);
    this.profile = Files.createTempDirectory("chromium-profile");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    this.driver = new ChromeDriver(service, options);
  }

  void open(String hash) {
    driver.get(base + "/" + hash);
  }

  WebDriverWait waitUpTo(Duration d) {
    WebDriverWait w = new WebDriverWait(driver, d);
    w.pollingEvery(Duration.ofMillis(150));
    return w;
  }

  WebElement clickable(By by) {
    return waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
  }

  WebElement present(By by) {
    return waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Waits up to 20 s for {@code text} to show in the element {@code by} finds. */
  void awaitText(By by, String text) {
    waitUpTo(Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** A full-page PNG under the screenshots folder. */
  Path screenshot(String name) throws IOException {
    long height =
        ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
    long width = ((Number) driver.executeScript("return window.innerWidth")).longValue();
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            (int) width,
            "height",
            (int) Math.min(height, 4000),
            "deviceScaleFactor",
            1,
            "mobile",
            false));
    try {
      Path out = screenshots.resolve(name + ".png");
      Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
      return out;
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteTree(profile.toFile());
    }
  }

  private static void deleteTree(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    f.delete();
  }
}
