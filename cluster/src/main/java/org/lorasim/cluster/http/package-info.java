/**
 * The coordinator node's JSON endpoint ({@code GET /cluster}): members with roles, status and reachability, and
 * the figures the simulation side reports through {@link org.lorasim.cluster.node.ClusterMetrics}.
 */
package org.lorasim.cluster.http;
