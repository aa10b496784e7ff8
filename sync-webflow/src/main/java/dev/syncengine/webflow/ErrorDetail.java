package dev.syncengine.webflow;

/**
 * One entry of a Webflow error body's {@code details}.
 *
 * @param param the request parameter or field at fault (e.g. {@code slug}), or null
 * @param description what is wrong with it
 */
public record ErrorDetail(String param, String description) {}
