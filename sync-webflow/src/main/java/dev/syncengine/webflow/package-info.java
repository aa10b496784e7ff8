/**
 * Webflow CMS v2: a typed client ({@link dev.syncengine.webflow.WebflowClient}) and the bulk sink
 * ({@link dev.syncengine.webflow.WebflowSink}). Values are non-null unless marked otherwise in
 * their Javadoc.
 */
package dev.syncengine.webflow;
