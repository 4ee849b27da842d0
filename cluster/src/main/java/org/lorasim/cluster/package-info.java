/**
 * The simulation runtime across JVMs on Pekko Cluster: node roles, sharded client entities, the clock and
 * coordinator as cluster singletons, trainer slots found through the Receptionist. The design is in
 * {@code docs/cluster-design.md}.
 */
package org.lorasim.cluster;
