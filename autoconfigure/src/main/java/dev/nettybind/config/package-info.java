/**
 * Configuration properties of the starter and its Spring Boot auto-configuration.
 */
@NullMarked
package dev.nettybind.config;

import org.jspecify.annotations.NullMarked;
