package dev.tokencookie.it.support.payaraserver;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Where the Payara Server distribution is, which domain the tests create in it and on which ports, and the asadmin
 * commands that prepare the domain as docs/users-and-roles.md tells a team to (arquillian.xml sets them).
 */
public class AsadminConfiguration implements ContainerConfiguration {

    private String payaraHome;
    private String domain = "token-cookie-auth-it";
    /** asadmin's port base: the admin port is this plus 48, HTTP plus 80. */
    private int portBase = 28000;
    /**
     * Files of asadmin commands (comma-separated) run in turn once the domain has started, one command per line; '#'
     * starts a comment.
     */
    private String setupCommands;
    /** The password file those commands get (--passwordfile), for the realm user's AS_ADMIN_USERPASSWORD. */
    private String passwordFile;
    private int startupTimeoutInSeconds = 240;

    @Override
    public void validate() throws ConfigurationException {
        if (payaraHome == null || payaraHome.isBlank()) {
            throw new ConfigurationException("payaraHome must name the unpacked Payara Server (payara6)");
        }
    }

    public String getPayaraHome() {
        return payaraHome;
    }

    public void setPayaraHome(String payaraHome) {
        this.payaraHome = payaraHome;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public int getPortBase() {
        return portBase;
    }

    public void setPortBase(int portBase) {
        this.portBase = portBase;
    }

    public String getSetupCommands() {
        return setupCommands;
    }

    public void setSetupCommands(String setupCommands) {
        this.setupCommands = setupCommands;
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    int httpPort() {
        return portBase + 80;
    }

    int adminPort() {
        return portBase + 48;
    }
}
