/**
 * Exceptions that explain a failed setup, and the failure analyzers that report them.
 */
@NullMarked
package dev.nettybind.diagnostics;

import org.jspecify.annotations.NullMarked;
