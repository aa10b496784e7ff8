package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An item to create.
 *
 * @param fieldData values, which must include {@code name} and {@code slug}
 * @param isDraft create as a draft (Webflow's default for staged creates)
 * @param isArchived create archived
 */
public record NewItem(ObjectNode fieldData, boolean isDraft, boolean isArchived) {
  public NewItem {
    Objects.requireNonNull(fieldData, "fieldData");
  }

  /** A published-when-the-site-publishes item ({@code isDraft:false}). */
  public static NewItem of(ObjectNode fieldData) {
    return new NewItem(fieldData, false, false);
  }
}
