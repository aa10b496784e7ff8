/**
 * The harness of the fault-injection suite: a cuttable TCP proxy, a minimal push source, a copying
 * mapping, the engine wiring shared by in-process engines and worker child processes, and the
 * worker process's main class. Not published; nothing here is API.
 */
package dev.syncengine.it;
