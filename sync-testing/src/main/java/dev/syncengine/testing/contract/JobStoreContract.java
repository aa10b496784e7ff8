package dev.syncengine.testing.contract;

import dev.syncengine.core.spi.JobStore;

/**
 * The behaviour every {@link JobStore} must show: every job store contract, by concern in {@link
 * JobEnqueueContract}, {@link JobClaimContract}, {@link JobFailureContract} and {@link
 * JobAdminContract}, on the state {@link JobStoreFixture} sets up.
 *
 * <pre>{@code
 * class MyJobStoreTest extends JobStoreContract {
 *   protected JobStore createStore(Clock clock) { return new MyJobStore(clock); }
 * }
 * }</pre>
 */
public abstract class JobStoreContract extends JobAdminContract {}
