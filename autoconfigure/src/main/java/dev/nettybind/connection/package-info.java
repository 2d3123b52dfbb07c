/**
 * The request path of one server: the connections handed to it, the requests it
 * refuses before its handler, the timer on the first request headers, its traffic
 * counts, and the drain when it closes.
 */
@NullMarked
package dev.nettybind.connection;

import org.jspecify.annotations.NullMarked;
