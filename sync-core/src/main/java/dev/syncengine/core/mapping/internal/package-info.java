/**
 * Implementation of the mapping engine: the document parser, rules, transforms, type coercion and
 * the JSONata bridge. Unsupported: anything here may change without notice.
 */
package dev.syncengine.core.mapping.internal;
