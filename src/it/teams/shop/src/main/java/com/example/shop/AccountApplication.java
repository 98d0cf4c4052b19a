package com.example.shop;

import dev.tokencookie.TokenCookieEndpoints;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Sign-in for the shop's pages: the module's endpoints under /account/auth, registered in one line. */
@ApplicationPath("account")
public class AccountApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return TokenCookieEndpoints.classes();
    }
}
