/**
 * Cluster nodes: {@link org.lorasim.cluster.node.NodeSettings} (read from {@code lorasim.cluster.*} and the
 * command line), {@link org.lorasim.cluster.node.NodeConfig} (the Pekko configuration they give),
 * {@link org.lorasim.cluster.node.ClusterNode} (start, join within a bounded time, leave),
 * {@link org.lorasim.cluster.node.ClusterRoles} (wait for the roles a run needs) and
 * {@link org.lorasim.cluster.node.LocalNodes} (node JVMs on loopback, for {@code --local-nodes} and tests).
 * Nothing here knows the simulation; {@code org.lorasim.cluster.sim} builds on it.
 */
package org.lorasim.cluster.node;
