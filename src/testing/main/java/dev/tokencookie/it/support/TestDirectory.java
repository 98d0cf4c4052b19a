package dev.tokencookie.it.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A real LDAP directory on localhost for the LDAP identity source: people under ou=people, groups of names under
 * ou=groups (each with a nested unit), and a searcher whose password the test can change; it can be stopped, started
 * again on its port, and replaced by one that hangs.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String SEARCHER = "cn=searcher," + BASE;
    /** The password that the servers read from AUTH_IDENTITY_LDAP_BIND_PASSWORD (src/it/pom.xml). */
    public static final String SEARCHER_PASSWORD = "searcher-password-1";

    public static final String AUDITOR = "erin";
    public static final String AUDITOR_PASSWORD = "erin-password-1";
    public static final String MEMBER = "finn";
    public static final String MEMBER_PASSWORD = "finn-password-1";
    /** In a unit below ou=people: found by a subtree search only. */
    public static final String CONTRACTOR = "gus";
    public static final String CONTRACTOR_PASSWORD = "gus-password-1";
    /** A group in a unit below ou=groups that lists erin: found by a subtree search only. */
    public static final String NESTED_GROUP = "former-staff";

    private final int port;
    private InMemoryDirectoryServer server;
    private ServerSocket hung;

    private TestDirectory(int port) {
        this.port = port;
    }

    /** A directory on a port that was free a moment ago, not yet listening. */
    public static TestDirectory onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new TestDirectory(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "ldap://localhost:" + port;
    }

    /** Starts the directory with its entries; the searcher binds with the given password. */
    public void start(String searcherPassword) {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                    port, null));
            config.setSchema(null);
            server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: domain", "dc: example");
            server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
            server.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
            server.add("dn: " + SEARCHER, "objectClass: person", "cn: searcher", "sn: searcher",
                    "userPassword: " + searcherPassword);
            person(AUDITOR, AUDITOR_PASSWORD, PEOPLE);
            person(MEMBER, MEMBER_PASSWORD, PEOPLE);
            String contractors = "ou=contractors," + PEOPLE;
            server.add("dn: " + contractors, "objectClass: organizationalUnit", "ou: contractors");
            person(CONTRACTOR, CONTRACTOR_PASSWORD, contractors);
            server.add("dn: cn=auditors," + GROUPS, "objectClass: groupOfNames", "cn: auditors",
                    "member: uid=" + AUDITOR + "," + PEOPLE);
            server.add("dn: cn=staff," + GROUPS, "objectClass: groupOfNames", "cn: staff",
                    "member: uid=" + AUDITOR + "," + PEOPLE, "member: uid=" + MEMBER + "," + PEOPLE,
                    "member: uid=" + CONTRACTOR + "," + contractors);
            String archived = "ou=archived," + GROUPS;
            server.add("dn: " + archived, "objectClass: organizationalUnit", "ou: archived");
            server.add("dn: cn=" + NESTED_GROUP + "," + archived, "objectClass: groupOfNames", "cn: " + NESTED_GROUP,
                    "member: uid=" + AUDITOR + "," + PEOPLE);
            server.startListening();
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("The test directory did not start on port " + port, e);
        }
    }

    private void person(String uid, String password, String unit) throws LDAPException, LDIFException {
        server.add("dn: uid=" + uid + "," + unit, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                "sn: " + uid, "userPassword: " + password);
    }

    /** Stops listening and drops every connection, as a directory that went down. */
    public void stop() {
        if (server != null) {
            server.shutDown(true);
            server = null;
        }
        if (hung != null) {
            try {
                hung.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                hung = null;
            }
        }
    }

    /**
     * In place of the stopped directory, a listener on its port that takes connections into its backlog and never
     * answers: a directory that hangs, which only a client's own timeouts get a caller out of.
     */
    public void hang() {
        stop();
        try {
            hung = new ServerSocket();
            hung.setReuseAddress(true);
            hung.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
