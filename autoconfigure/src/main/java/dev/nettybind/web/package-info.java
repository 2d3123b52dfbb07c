/**
 * Per-server content of a WebFlux application: {@link dev.nettybind.web.OnServer} and
 * the means to tell which server serves an exchange.
 */
@NullMarked
package dev.nettybind.web;

import org.jspecify.annotations.NullMarked;
