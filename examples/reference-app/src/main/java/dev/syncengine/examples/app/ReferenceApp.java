package dev.syncengine.examples.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SyncEngine reference application: the starter, the dashboard, and in demo mode (the default)
 * simulated SmartSuite and Webflow services with live traffic.
 *
 * <pre>
 * java -jar examples/reference-app/target/reference-app.jar                 # demo mode
 * java -jar reference-app.jar --spring.profiles.active=real                 # real accounts
 * </pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReferenceApp {
  public static void main(String[] args) {
    SpringApplication.run(ReferenceApp.class, args);
  }
}
