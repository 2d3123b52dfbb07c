/**
 * Actuator endpoint, health and Micrometer meters of the bound servers.
 */
@NullMarked
package dev.nettybind.actuate;

import org.jspecify.annotations.NullMarked;
