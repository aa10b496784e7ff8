package dev.syncengine.store.jdbc;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Encrypts connection credentials before they reach the database and decrypts them on the way back.
 * Use the core's AES-GCM secret box: {@code SecretCodec.of(box::seal, box::open)}.
 *
 * <p>Implementations must be thread-safe and must not put the plaintext in exception messages.
 */
public interface SecretCodec {

  /** Encrypts {@code plaintext} into a printable string. */
  String seal(String plaintext);

  /** Decrypts what {@link #seal} produced. */
  String open(String sealed);

  /** A codec from two functions, e.g. {@code SecretCodec.of(box::seal, box::open)}. */
  static SecretCodec of(UnaryOperator<String> seal, UnaryOperator<String> open) {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(open, "open");
    return new SecretCodec() {
      @Override
      public String seal(String plaintext) {
        return seal.apply(plaintext);
      }

      @Override
      public String open(String sealed) {
        return open.apply(sealed);
      }
    };
  }
}
