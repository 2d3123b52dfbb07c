/**
 * The certificate database and the TLS of secure servers.
 */
@NullMarked
package dev.nettybind.tls;

import org.jspecify.annotations.NullMarked;
