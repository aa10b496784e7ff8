package dev.syncengine.smartsuite;

import java.time.Instant;

/**
 * A public URL for a SmartSuite file.
 *
 * @param url the URL
 * @param expiresAt when SmartSuite said it stops working, or null when it did not say
 */
public record SharedFileUrl(String url, Instant expiresAt) {}
