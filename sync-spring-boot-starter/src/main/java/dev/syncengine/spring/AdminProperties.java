package dev.syncengine.spring;

import dev.syncengine.servlet.AdminSecurity;
import java.time.Duration;

/**
 * The dashboard and admin API: the {@code sync.admin.*} properties, bound as {@link
 * SyncProperties.Admin}.
 */
public class AdminProperties {
  /**
   * The admin password as a PBKDF2 hash ('pbkdf2-sha256$...'); print one with 'java -cp
   * sync-servlet.jar dev.syncengine.servlet.HashPassword'.
   */
  private String passwordHash;

  /** Whether the session cookie is marked Secure (turn off only for plain-HTTP development). */
  private boolean secureCookie = true;

  /** How long an idle admin session lives. */
  private Duration sessionIdleTimeout = AdminSecurity.DEFAULT_SESSION_IDLE_TIMEOUT;

  /** Bearer secret for 'POST /jobs/run' (at least 32 characters); unset disables it. */
  private String triggerSecret;

  /** Whether the dashboard's static assets are served. */
  private boolean dashboard = true;

  public String getPasswordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public boolean isSecureCookie() {
    return secureCookie;
  }

  public void setSecureCookie(boolean secureCookie) {
    this.secureCookie = secureCookie;
  }

  public Duration getSessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
    this.sessionIdleTimeout = sessionIdleTimeout;
  }

  public String getTriggerSecret() {
    return triggerSecret;
  }

  public void setTriggerSecret(String triggerSecret) {
    this.triggerSecret = triggerSecret;
  }

  public boolean isDashboard() {
    return dashboard;
  }

  public void setDashboard(boolean dashboard) {
    this.dashboard = dashboard;
  }
}
