package dev.syncengine.smartsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of a webhook's event log ({@code ListEvents}).
 *
 * @param events raw events, oldest first
 * @param nextPageToken where the next call starts, or null when SmartSuite gave none
 */
public record EventPage(List<ObjectNode> events, String nextPageToken) {
  public EventPage {
    events = List.copyOf(events);
  }
}
