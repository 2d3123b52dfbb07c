/**
 * Resolution of the address of a server: symbolic addresses, IP literals and host names.
 */
@NullMarked
package dev.nettybind.address;

import org.jspecify.annotations.NullMarked;
