/**
 * Jakarta Servlet components for SyncEngine: webhook ingress, health, the worker trigger, the admin
 * JSON API and the dashboard assets. Start at {@link dev.syncengine.servlet.SyncServlets}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.syncengine.servlet;
