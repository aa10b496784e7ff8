/** Test support for SyncEngine users: clocks, contract suites and database extensions. */
package dev.syncengine.testing;
