/**
 * Internals of the SmartSuite adapter: rate limiting, normalisation, webhook parsing. Unsupported:
 * may change in any release.
 */
package dev.syncengine.smartsuite.internal;
