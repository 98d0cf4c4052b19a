package dev.tokencookie;

import jakarta.ws.rs.ext.Provider;

/**
 * Gives the drop-in WAR's scanning application the module's providers. The drop-in scans, so that resources a
 * deployer adds to the WAR appear under /api as before; the library's own feature is never scanned, this one is.
 */
@Provider
public class DropInProviders extends TokenCookieFeature {
}
