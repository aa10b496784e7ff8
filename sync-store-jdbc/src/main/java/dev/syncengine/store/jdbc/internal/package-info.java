/** Implementation details of the JDBC stores: unsupported, may change in any release. */
package dev.syncengine.store.jdbc.internal;
