package dev.syncengine.testing.webflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of a new site as {@code GET /sites/{site_id}} shows it: English primary locale only. */
final class SimSites {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SimSites() {}

  static ObjectNode json(String id, String workspaceId, String displayName) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("workspaceId", workspaceId);
    s.put("displayName", displayName);
    s.put("shortName", displayName.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    s.put("createdOn", "2024-01-01T00:00:00.000Z");
    s.put("lastUpdated", "2024-01-01T00:00:00.000Z");
    s.putNull("lastPublished");
    ObjectNode primary = s.putObject("locales").putObject("primary");
    primary.put("id", id.substring(0, 12) + "111111111111");
    primary.put("cmsLocaleId", id.substring(0, 12) + "000000000000");
    primary.put("enabled", true);
    primary.put("displayName", "English");
    primary.put("tag", "en");
    s.with("locales").putArray("secondary");
    return s;
  }
}
