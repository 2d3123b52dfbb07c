/**
 * Binding servers: the programmatic binder, the bound servers and their options.
 */
@NullMarked
package dev.nettybind.server;

import org.jspecify.annotations.NullMarked;
