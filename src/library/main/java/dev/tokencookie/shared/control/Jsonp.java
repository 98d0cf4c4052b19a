package dev.tokencookie.shared.control;

import jakarta.json.spi.JsonProvider;

/**
 * Holds the JSON-P provider looked up once: Json.createObjectBuilder(), Json.createParser() and their siblings look it
 * up through the ServiceLoader on every call, which on Payara costs more than the rest of a request.
 */
public final class Jsonp {

    /** The provider for every JSON this code reads or writes. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }
}
