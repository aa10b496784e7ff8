package dev.syncengine.examples.app;

import dev.syncengine.spring.SyncProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the app where the dashboard is and how to log in. */
@Component
class StartupBanner {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private final SyncProperties properties;
  private final Environment environment;

  StartupBanner(SyncProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void announce() {
    String port = environment.getProperty("local.server.port", "8080");
    String base =
        properties.getPublicUrl() == null || properties.getPublicUrl().isBlank()
            ? "http://localhost:" + port
            : properties.getPublicUrl().replaceAll("/+$", "");
    String login =
        properties.isDemo() && isBlank(properties.getAdmin().getPasswordHash())
            ? "password: printed once above ('sync: demo mode admin password')"
            : "password: the one behind sync.admin.password-hash";
    log.info(
        "\n\n  SyncEngine {} is running.\n  Dashboard:  {}{}/\n  Log in with the admin {}\n"
            + "  Health:     {}{}/health\n",
        properties.isDemo() ? "demo" : "",
        base,
        properties.getBasePath(),
        login,
        base,
        properties.getBasePath());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
