package io.github.dom0build.core.net;

import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URL;
import java.util.Optional;

/**
 * Opens the HTTP connections of archive downloads and of JGit's http transport through the settings.xml
 * proxy chosen for the URL, or directly. Credentials go with each connection (its own
 * {@link Authenticator}, and a Proxy-Authorization header for plain-http requests, which a proxy sees
 * whole); nothing JVM-wide is set, so other builds in the same Maven JVM are not affected.
 */
public final class ProxiedConnections {
    /**
     * The JDK's switch that allows Basic credentials on the CONNECT of an https tunnel; off by default
     * (a JVM-wide choice the user makes, in MAVEN_OPTS), named in the message of a 407 on https.
     */
    public static final String TUNNELING_PROPERTY = "jdk.http.auth.tunneling.disabledSchemes";

    private ProxiedConnections() {
    }

    /** A connection to {@code url}, through {@code proxy} when there is one, with its credentials. */
    public static HttpURLConnection open(URL url, Optional<ProxyConfig> proxy) throws IOException {
        if (proxy.isEmpty()) {
            return (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        }
        ProxyConfig p = proxy.get();
        HttpURLConnection conn = (HttpURLConnection) url.openConnection(
                new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())));
        if (p.hasCredentials()) {
            conn.setAuthenticator(authenticator(p));
            if ("http".equalsIgnoreCase(url.getProtocol())) {
                // Sent up front: plain-http requests go to the proxy whole. An https tunnel (CONNECT)
                // asks the authenticator instead.
                conn.setRequestProperty("Proxy-Authorization", p.basicAuthorization());
            }
        }
        return conn;
    }

    /** The advice for a 407 through {@code proxy}, for a URL of {@code scheme}. */
    public static String proxyRefusedFix(Optional<ProxyConfig> proxy, String scheme) {
        String which = proxy.map(p -> " " + p).orElse("");
        if (proxy.isPresent() && proxy.get().hasCredentials() && "https".equalsIgnoreCase(scheme)) {
            return "the proxy" + which + " refused the credentials of settings.xml; check <username> and <password>"
                    + " there. For https through a proxy that asks for Basic credentials, the JDK needs"
                    + " -D" + TUNNELING_PROPERTY + "= in MAVEN_OPTS";
        }
        if (proxy.isPresent() && proxy.get().hasCredentials()) {
            return "the proxy" + which + " refused the credentials of settings.xml; check <username> and <password>"
                    + " there (an encrypted password needs ~/.m2/settings-security.xml)";
        }
        return "set <username> and <password> for the proxy" + which + " in settings.xml";
    }

    private static Authenticator authenticator(ProxyConfig p) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                return new PasswordAuthentication(p.username(), p.passwordOrEmpty().toCharArray());
            }
        };
    }
}
