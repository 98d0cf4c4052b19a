package dev.tokencookie.it.deployed.container;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/**
 * Test-only: an EJB guarded as a team guards one, which sees the caller only if the container knows it.
 */
@Stateless
@DeclareRoles({"admin", "user"})
public class Ledger {

    @Resource
    SessionContext session;

    @RolesAllowed("admin")
    public String adminEntry() {
        return "entry for " + session.getCallerPrincipal().getName();
    }

    @PermitAll
    public String caller() {
        return session.getCallerPrincipal().getName();
    }
}
