package dev.syncengine.webflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.FileValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Image and file values between the mapping and Webflow. Webflow imports an image from the URL it
 * is given (https://developers.webflow.com/data/reference/field-types-item-values: "Images must be
 * hosted on a publicly accessible URL to be uploaded via the API"; write {@code {url, alt?}}, read
 * back {@code {fileId, url, alt}}, webflow-api.md "Field types and values"). A SmartSuite URL is
 * signed and changes while the file stays the same, so files are compared by their source identity
 * ({@link FileValues#IDENTITY}), which is never sent. Stateless.
 */
public final class MediaValues {
  private MediaValues() {}

  /** The fieldData as sent: without the identity keys (the same node when there are none). */
  public static ObjectNode forWebflow(ObjectNode fieldData) {
    if (fieldData == null) {
      return null;
    }
    ObjectNode out = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = fieldData.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (FileValues.hasIdentity(e.getValue())) {
        if (out == null) {
          out = fieldData.deepCopy();
        }
        out.set(e.getKey(), FileValues.withoutIdentity(e.getValue()));
      }
    }
    return out == null ? fieldData : out;
  }

  /**
   * The file fields of {@code fd} that hold the same files as the snapshot (same identities and alt
   * texts, in order), whatever their URLs: the item already holds them.
   */
  public static List<String> unchangedFiles(ObjectNode fd, ObjectNode snapshot) {
    List<String> same = new ArrayList<>();
    if (snapshot == null) {
      return same;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fd.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode before = snapshot.get(e.getKey());
      if (before != null
          && FileValues.hasIdentity(e.getValue())
          && FileValues.hasIdentity(before)
          && FileValues.sameFiles(e.getValue(), before)) {
        same.add(e.getKey());
      }
    }
    return same;
  }

  /** Whether {@code fd} equals the snapshot once the {@code sameFiles} fields count as equal. */
  public static boolean equalExceptFiles(
      ObjectNode fd, ObjectNode snapshot, List<String> sameFiles) {
    if (snapshot == null) {
      return false;
    }
    if (sameFiles.isEmpty()) {
      return fd.equals(snapshot);
    }
    ObjectNode cmp = fd.deepCopy();
    sameFiles.forEach(k -> cmp.set(k, snapshot.get(k).deepCopy()));
    return cmp.equals(snapshot);
  }
}
