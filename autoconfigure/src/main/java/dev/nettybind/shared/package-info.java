/**
 * Listening sockets, shared by several servers of one application as Dart's runtime shares them.
 */
@NullMarked
package dev.nettybind.shared;

import org.jspecify.annotations.NullMarked;
