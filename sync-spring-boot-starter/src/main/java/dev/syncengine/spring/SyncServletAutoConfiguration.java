package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.spring.internal.PropertyChecks;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/**
 * Mounts webhook ingress, health, the worker trigger, the admin API and the dashboard under {@code
 * sync.base-path} in a servlet web application.
 */
@AutoConfiguration(after = SyncAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SyncServlets.class, ServletContextInitializer.class})
@ConditionalOnBean(SyncEngine.class)
@ConditionalOnProperty(
    prefix = "sync",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class SyncServletAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SyncServletAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  AdminSecurity syncAdminSecurity(SyncProperties properties) {
    SyncProperties.Admin a = properties.getAdmin();
    AdminSecurity.Builder b = AdminSecurity.builder().secureCookie(a.isSecureCookie());
    try {
      b.sessionIdleTimeout(a.getSessionIdleTimeout());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SyncConfigurationException(
          "sync.admin.session-idle-timeout",
          "must be a positive duration, was " + a.getSessionIdleTimeout());
    }
    String hash = a.getPasswordHash();
    if (hash == null || hash.isBlank()) {
      if (!properties.isDemo()) {
        throw new SyncConfigurationException(
            "sync.admin.password-hash",
            "required outside demo mode; print one with"
                + " 'java -cp <sync-servlet jar> dev.syncengine.servlet.HashPassword'");
      }
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      hash = AdminSecurity.hashPassword(password.toCharArray());
      // Printed once, on purpose: demo mode has no other way to tell the operator.
      log.warn("sync: demo mode admin password (printed once): {}", password);
    }
    try {
      b.passwordHash(hash);
    } catch (IllegalArgumentException e) {
      throw new SyncConfigurationException("sync.admin.password-hash", e.getMessage());
    }
    if (a.getTriggerSecret() != null && !a.getTriggerSecret().isBlank()) {
      try {
        b.triggerSecret(a.getTriggerSecret());
      } catch (IllegalArgumentException e) {
        throw new SyncConfigurationException("sync.admin.trigger-secret", e.getMessage());
      }
    }
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean
  SyncServlets syncServlets(SyncEngine engine, SyncProperties properties, AdminSecurity security) {
    SyncServlets.Builder b =
        SyncServlets.builder(engine)
            .basePath(properties.getBasePath())
            .security(security)
            .maxWebhookBytes(properties.getIngress().getMaxBodySize())
            .dashboard(properties.getAdmin().isDashboard())
            .defaultRetry(PropertyChecks.retry(properties))
            .clock(engine.clock());
    if (properties.getPublicUrl() != null && !properties.getPublicUrl().isBlank()) {
      // The servlets expect the URL of the base path itself, e.g. https://host/sync.
      b.publicBaseUrl(
          SyncAutoConfiguration.stripSlash(properties.getPublicUrl()) + properties.getBasePath());
    }
    return b.build();
  }

  @Bean
  ServletContextInitializer syncServletsInitializer(SyncServlets servlets) {
    return servlets::register;
  }
}
