/** Engine internals: unsupported, may change without notice. Do not call from host code. */
package dev.syncengine.core.internal;
