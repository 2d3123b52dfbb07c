package dev.nettybind.sample;

import java.time.Instant;

/**
 * A note of the public API.
 *
 * @param id its identifier, given by the store
 * @param text what it says
 * @param created when it was stored
 * @author Netty Bind Starter contributors
 */
public record Note(long id, String text, Instant created) {

}
