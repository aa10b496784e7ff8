package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shapes of file values, and what identifies a file when its URL does not.
 *
 * <p>A source adapter gives a {@link SourceKind#FILES} value as an array of {@code {url, id?,
 * size?, name?, mimetype?}}: {@code url} is where the file can be fetched now (it may be signed and
 * change on every read), {@code id} what the source calls the stored file (SmartSuite's handle),
 * {@code size} its length in bytes. The mapping turns one into a target file value {@code {url,
 * alt?, sourceFile?}}, where {@link #IDENTITY} ({@code sourceFile}) is {@code id:size}: the same
 * stored file, whatever its URL. Sinks compare file values by it (a file whose identity did not
 * change is not a change) and never send it to the target.
 *
 * <pre>{@code
 * String before = FileValues.identity(snapshot.get("photo"));   // "hA1:52311"
 * boolean same = before != null && before.equals(FileValues.identity(mapped.get("photo")));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class FileValues {
  /** The key of a target file value that holds the file's identity at the source. */
  public static final String IDENTITY = "sourceFile";

  private FileValues() {}

  /**
   * The identity of a source file value ({@code id:size}, or {@code id} without a size), or null
   * when it has no id (a bare URL).
   */
  public static String sourceIdentity(JsonNode sourceFile) {
    if (sourceFile == null || !sourceFile.isObject()) {
      return null;
    }
    String id = sourceFile.path("id").asText("");
    if (id.isBlank()) {
      return null;
    }
    JsonNode size = sourceFile.get("size");
    return size != null && size.canConvertToLong() ? id + ":" + size.asLong() : id;
  }

  /** The size in bytes a source file value states, or null when it states none. */
  public static Long size(JsonNode sourceFile) {
    if (sourceFile == null || !sourceFile.isObject()) {
      return null;
    }
    JsonNode size = sourceFile.get("size");
    if (size == null || size.isNull()) {
      return null;
    }
    if (size.canConvertToLong()) {
      return size.asLong();
    }
    try {
      return Long.parseLong(size.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The identity a target file value carries, or null. */
  public static String identity(JsonNode targetFile) {
    if (targetFile == null || !targetFile.isObject()) {
      return null;
    }
    JsonNode id = targetFile.get(IDENTITY);
    return id == null || !id.isTextual() ? null : id.textValue();
  }

  /**
   * Whether two target values of one field hold the same files with the same alt texts, compared by
   * identity where both carry one and by URL otherwise; order counts. Non-file values compare by
   * equality.
   */
  public static boolean sameFiles(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameFile(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return sameFile(a, b);
  }

  private static boolean sameFile(JsonNode a, JsonNode b) {
    String ia = identity(a);
    String ib = identity(b);
    if (ia == null || ib == null) {
      return a.equals(b);
    }
    return ia.equals(ib) && a.path("alt").asText("").equals(b.path("alt").asText(""));
  }

  /** Whether a target value holds at least one file value with an identity. */
  public static boolean hasIdentity(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isArray()) {
      for (JsonNode e : value) {
        if (identity(e) != null) {
          return true;
        }
      }
      return false;
    }
    return identity(value) != null;
  }

  /**
   * A copy of a value without the identity keys: what is sent to the target. Values without them
   * are returned as they are.
   */
  public static JsonNode withoutIdentity(JsonNode value) {
    if (!hasIdentity(value)) {
      return value;
    }
    JsonNode copy = value.deepCopy();
    if (copy.isArray()) {
      copy.forEach(e -> strip(e));
    } else {
      strip(copy);
    }
    return copy;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(IDENTITY);
    }
  }
}
