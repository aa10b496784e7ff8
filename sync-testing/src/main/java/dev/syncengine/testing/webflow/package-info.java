/**
 * An in-process Webflow CMS v2 fake ({@link dev.syncengine.testing.webflow.WebflowSimulator}) for
 * tests, demos and benchmarks.
 */
package dev.syncengine.testing.webflow;
