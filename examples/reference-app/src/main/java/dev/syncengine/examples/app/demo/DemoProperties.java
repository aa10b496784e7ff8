package dev.syncengine.examples.app.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of demo mode, under {@code demo.*}. */
@ConfigurationProperties(prefix = "demo")
public class DemoProperties {
  /** Where the demo keeps its database and encryption key. */
  private String dataDir = "./data";

  /** Products seeded into the simulated SmartSuite table. */
  private int products = 200;

  /** Time between two generated edits; zero turns the generator off. */
  private Duration editInterval = Duration.ofSeconds(3);

  /** Seed of the invented catalogue and its edits. */
  private long seed = 7;

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public int getProducts() {
    return products;
  }

  public void setProducts(int products) {
    this.products = products;
  }

  public Duration getEditInterval() {
    return editInterval;
  }

  public void setEditInterval(Duration editInterval) {
    this.editInterval = editInterval;
  }

  public long getSeed() {
    return seed;
  }

  public void setSeed(long seed) {
    this.seed = seed;
  }
}
