/** Starter internals: unsupported, may change without notice. */
package dev.syncengine.spring.internal;
