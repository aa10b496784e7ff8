package dev.syncengine.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.spring.SyncConfigurationException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Real mode fails fast, naming the property a deployment forgot. */
class RealModeTest {

  @Test
  void refusesToStartWithoutAnEncryptionKeyAndNamesTheProperty() {
    Throwable thrown =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(ReferenceApp.class)
                    .profiles("real")
                    .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:real-mode-test",
                        "--sync.public-url=https://sync.example.com",
                        "--sync.admin.password-hash="
                            + AdminSecurity.hashPassword("correct horse".toCharArray()))
                    .close());

    Throwable cause = thrown;
    while (cause != null && !(cause instanceof SyncConfigurationException)) {
      cause = cause.getCause();
    }
    assertThat(cause)
        .as("a SyncConfigurationException in %s", thrown)
        .asInstanceOf(InstanceOfAssertFactories.type(SyncConfigurationException.class))
        .satisfies(
            e -> {
              assertThat(e.property()).isEqualTo("sync.encryption.keys");
              assertThat(e.getMessage()).contains("sync.encryption.keys");
            });
  }
}
