/**
 * The same actors across JVMs (Pekko Cluster), the {@code lorasim} command line and the dashboard.
 */
package org.lorasim.cluster;
