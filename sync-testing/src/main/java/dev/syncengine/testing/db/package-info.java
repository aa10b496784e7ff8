/**
 * JUnit 5 extensions that give each test class a freshly created database on a real server, with a
 * non-UTC session time zone to catch time bugs. Server URLs come from environment variables with
 * local defaults.
 */
package dev.syncengine.testing.db;
