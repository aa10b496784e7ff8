package dev.syncengine.core.model;

/**
 * Something discoverable by id and name: a SmartSuite solution or table, a Webflow site or
 * collection.
 *
 * @param id the id
 * @param name the display name
 */
public record NamedRef(String id, String name) {}
