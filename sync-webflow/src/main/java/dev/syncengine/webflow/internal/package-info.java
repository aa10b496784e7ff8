/** Internals of the Webflow adapter: unsupported, may change without notice. */
package dev.syncengine.webflow.internal;
