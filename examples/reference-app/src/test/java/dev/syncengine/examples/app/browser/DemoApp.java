package dev.syncengine.examples.app.browser;

import dev.syncengine.examples.app.ReferenceApp;
import dev.syncengine.servlet.AdminSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The reference app in demo mode as the browser tests start it, and the steps they share. */
final class DemoApp {
  private DemoApp() {}

  /**
   * Starts the app on a free port with its own data directory, {@code products} demo records, no
   * background edits, and {@code password} as the admin password.
   */
  static ConfigurableApplicationContext start(int products, String password) throws Exception {
    Path data = Files.createTempDirectory("reference-app-data");
    // Command-line arguments outrank application.properties (builder defaults would not).
    return new SpringApplicationBuilder(ReferenceApp.class)
        .run(
            "--server.port=0",
            "--demo.data-dir=" + data,
            "--demo.products=" + products,
            "--demo.edit-interval=0s",
            "--sync.admin.password-hash=" + AdminSecurity.hashPassword(password.toCharArray()));
  }

  /** The app's base URL, e.g. {@code http://127.0.0.1:41234}. */
  static String url(ConfigurableApplicationContext app) {
    return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  /** A browser on the app's dashboard, screenshots to {@code target/screenshots/}. */
  static Browser browser(ConfigurableApplicationContext app) throws java.io.IOException {
    return new Browser(url(app) + "/sync", Path.of("target", "screenshots").toAbsolutePath());
  }

  /** Signs in with the password and waits for the overview. */
  static void signIn(Browser browser, String password) {
    browser.open("");
    browser.clickable(By.id("password")).sendKeys(password);
    browser.driver.findElement(By.id("login-submit")).click();
    browser.present(By.cssSelector(".kpis"));
  }
}
