/**
 * Creating a connection's target collection from its source table: a {@link
 * dev.syncengine.core.provision.CollectionProposal} the user can edit, and what provisioning it
 * made ({@link dev.syncengine.core.provision.ProvisionResult}). The operations are on {@link
 * dev.syncengine.core.ControlPlane}; sinks that can create collections implement {@link
 * dev.syncengine.core.spi.TargetProvisioning}.
 *
 * <p>Nothing in this package is null unless documented.
 */
package dev.syncengine.core.provision;
