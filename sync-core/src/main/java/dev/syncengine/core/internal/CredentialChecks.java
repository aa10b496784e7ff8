package dev.syncengine.core.internal;

import dev.syncengine.core.CredentialCheck;
import dev.syncengine.core.model.MissingCredentialException;
import dev.syncengine.core.spi.SyncException;

/** Runs an adapter's credentials check and says ok or why not, never the secret. */
final class CredentialChecks {
  private CredentialChecks() {}

  static CredentialCheck run(Runnable verify) {
    try {
      verify.run();
      return CredentialCheck.OK;
    } catch (SyncException e) {
      boolean missing = MissingCredentialException.ERROR_CODE.equals(e.error().code());
      return new CredentialCheck(
          false, missing ? "not_configured" : e.error().code(), e.error().message());
    } catch (MissingCredentialException e) {
      return new CredentialCheck(false, "not_configured", e.getMessage());
    } catch (IllegalStateException e) {
      return new CredentialCheck(
          false, "not_configured", "no adapter of this type, or a credential is missing");
    } catch (RuntimeException e) {
      return new CredentialCheck(
          false, "error", "the check failed: " + e.getClass().getSimpleName());
    }
  }
}
