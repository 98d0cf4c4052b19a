package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.TimeLimitExceededException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of Jakarta Security's stores mean "the directory or database cannot answer now" (503) and which are
 * defects (500), under the runtime exceptions in which the implementation's LDAP store wraps the JDK's.
 */
class StoreUnreachableTest {

    @Test
    void aRefusedConnectionIsAnOutage() {
        CommunicationException refused = new CommunicationException("localhost:389");
        refused.setRootCause(new ConnectException("Connection refused"));
        assertTrue(IdentityStoreCredentialCheck.isUnreachable(
                new IllegalStateException("Bad connection URL", refused)));
    }

    @Test
    void aDirectoryThatDidNotAnswerInTimeIsAnOutage() {
        NamingException timedOut = new NamingException("LDAP response read timed out, timeout used: 5000 ms.");
        assertTrue(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException(timedOut)));
    }

    @Test
    void aDirectoryThatDroppedTheConnectionOrRanOutOfTimeIsAnOutage() {
        assertTrue(IdentityStoreCredentialCheck.isUnreachable(
                new IllegalStateException(new NamingException("LDAP connection has been closed"))));
        NamingException timeLimit = new TimeLimitExceededException("[LDAP: error code 3 - Time Limit Exceeded]");
        assertTrue(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException(timeLimit)));
    }

    @Test
    void aBadSearchBaseOrAnotherNamingFailureIsADefect() {
        NamingException noSuchBase = new NameNotFoundException("[LDAP: error code 32 - No Such Object]");
        assertFalse(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException(noSuchBase)));
        NamingException unwilling = new NamingException("[LDAP: error code 53 - Unwilling To Perform]");
        assertFalse(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException(unwilling)));
        assertFalse(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException("timed out")));
        NamingException directorysOwnText = new NamingException("[LDAP: error code 80 - the backend timed out]");
        assertFalse(IdentityStoreCredentialCheck.isUnreachable(new IllegalStateException(directorysOwnText)));
    }
}
