/**
 * The teaching dashboard: an HTTP and WebSocket server that streams a run's events to a web page and turns
 * the page's control actions into the same scenario events that scripts use.
 */
package org.lorasim.ui;
