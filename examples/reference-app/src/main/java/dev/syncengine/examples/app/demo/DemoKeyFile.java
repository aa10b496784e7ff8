package dev.syncengine.examples.app.demo;

import dev.syncengine.core.crypto.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo's encryption key: generated on first start into {@code <data dir>/demo-encryption.key}
 * and read from there afterwards, so credentials stored in the demo database stay readable across
 * restarts. Real deployments set {@code sync.encryption.keys.*} instead.
 */
final class DemoKeyFile {
  static final String FILE_NAME = "demo-encryption.key";
  static final String KEY_ID = "demo";

  private DemoKeyFile() {}

  static SecretBox load(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        Files.writeString(file, SecretBox.generateKey() + "\n", StandardCharsets.US_ASCII);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system (Windows): the file keeps the directory's permissions.
        }
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return SecretBox.builder().key(KEY_ID, key).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the demo key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          file + " does not hold a valid key; delete it to generate a new one", e);
    }
  }
}
