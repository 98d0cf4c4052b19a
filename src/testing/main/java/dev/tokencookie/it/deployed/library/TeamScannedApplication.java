package dev.tokencookie.it.deployed.library;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Test-only: a team's own JAX-RS application that scans, beside the module's: it serves every resource of the WAR
 * under its own path, and the module's checks must guard it too.
 */
@ApplicationPath("scanned")
public class TeamScannedApplication extends Application {
}
