package dev.tokencookie.settings.control;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where users come from ({@code auth.identity.source}) and, for Jakarta Security's built-in stores, how to reach them:
 * the module declares those stores itself, so that a team configures its users without writing Java.
 */
public record IdentitySettings(Source source, Optional<Container> container, Optional<Database> database,
        Optional<Ldap> ldap) {

    /** The values of {@code auth.identity.source}. */
    public enum Source {
        /** The application's own {@code IdentityStore} beans. */
        APPLICATION,
        /** The server's own users: its Payara realm or WildFly security domain. */
        CONTAINER,
        /** Jakarta Security's database identity store. */
        DATABASE,
        /** Jakarta Security's LDAP identity store. */
        LDAP;

        /** The setting's spelling: the name in lower case. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The server's users: the groups (roles, after the server's group-to-role mapping) that the module asks the
     * container about for each caller, since the Servlet API answers whether a caller is in a role but never lists
     * them.
     */
    public record Container(List<String> groups) {

        public Container {
            groups = List.copyOf(groups);
        }
    }

    /** The database store: a datasource by JNDI name, and the two queries that take the caller's name as {@code ?}. */
    public record Database(String dataSource, String callerQuery, String groupsQuery) {
    }

    /** The LDAP store: where the directory is, who searches it, how callers and their groups are found. */
    public record Ldap(String url, Bind bind, Callers callers, Groups groups, Duration readTimeout) {
    }

    /** The identity that searches the directory; empty for an anonymous search. */
    public record Bind(String dn, String password) {

        /** Without the password: the settings are logged at deployment. */
        @Override
        public String toString() {
            return "Bind[dn=" + dn + ", password=" + (password.isEmpty() ? "(none)" : "(hidden)") + "]";
        }
    }

    /**
     * How a caller's entry is found: directly under a base DN ({@code nameAttribute=name,baseDn}), or by a search
     * below a base with a filter (empty for Jakarta Security's default one).
     */
    public record Callers(String baseDn, String searchBase, String searchFilter, String nameAttribute,
            SearchScope searchScope) {
    }

    /**
     * How a caller's groups are found: by the caller entry's member-of attribute when no search base is set, otherwise
     * by a search for the group entries that list the caller.
     */
    public record Groups(String searchBase, String searchFilter, String memberAttribute, String memberOfAttribute,
            String nameAttribute, SearchScope searchScope) {
    }

    /** How deep below its base a search looks: the entries right under it, or the whole tree. */
    public enum SearchScope {
        ONE_LEVEL, SUBTREE;

        /** The setting's spelling: {@code one-level} or {@code subtree}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
