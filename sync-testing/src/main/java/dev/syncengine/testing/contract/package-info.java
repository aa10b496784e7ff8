/**
 * Abstract JUnit 5 suites that pin down the store SPIs' behaviour. Subclass one per implementation
 * and return a fresh, empty store from its factory method; every SyncEngine store passes them, and
 * so should yours.
 */
package dev.syncengine.testing.contract;
