/**
 * Running nodes as processes: {@link org.lorasim.cluster.launch.NodeRunner} (start, serve the status, wait until
 * stopped; used by {@code lorasim node}), {@link org.lorasim.cluster.launch.NodeMain} (a node JVM's entry point)
 * and {@link org.lorasim.cluster.launch.LocalNodes} (several node JVMs on loopback).
 */
package org.lorasim.cluster.launch;
