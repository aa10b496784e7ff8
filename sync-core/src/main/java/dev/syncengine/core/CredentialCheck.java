package dev.syncengine.core;

/**
 * Whether one side's credentials work ({@link ControlPlane#checkSourceCredentials}). Never carries
 * the secret itself.
 *
 * @param ok true when the adapter accepted the credentials
 * @param code null when ok; {@code not_configured} when a credential or the adapter is missing,
 *     {@code error} when the check itself failed, otherwise the adapter's error code (e.g. {@code
 *     unauthorized})
 * @param message null when ok; why not, in words
 */
public record CredentialCheck(boolean ok, String code, String message) {
  /** The credentials were accepted. */
  public static final CredentialCheck OK = new CredentialCheck(true, null, null);
}
