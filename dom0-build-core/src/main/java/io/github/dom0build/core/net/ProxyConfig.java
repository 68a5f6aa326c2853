package io.github.dom0build.core.net;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxy as settings.xml describes it. {@code protocol} is the scheme of the URLs it carries (the proxy
 * itself is spoken to in plain http); {@code nonProxyHosts} is settings.xml's {@code |}-separated list
 * with {@code *} wildcards. The password is never part of {@link #toString()}.
 */
public record ProxyConfig(String id, String protocol, String host, int port, String username, String password,
        String nonProxyHosts) {

    public boolean bypasses(String targetHost) {
        if (nonProxyHosts == null || nonProxyHosts.isBlank() || targetHost == null) {
            return false;
        }
        String h = targetHost.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts.split("[|,]")) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (!p.isEmpty() && Pattern.matches(globToRegex(p), h)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** The password, or an empty one: settings.xml may give a user without a password. */
    public String passwordOrEmpty() {
        return password == null ? "" : password;
    }

    /** {@code Basic} credentials for a Proxy-Authorization header; only with {@link #hasCredentials()}. */
    public String basicAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + passwordOrEmpty())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The proxy as a URL, {@code http://user:password@host:port/} with the credentials percent-encoded,
     * or with {@code ***} in their place when {@code withCredentials} is false (for anything shown).
     */
    public String url(boolean withCredentials) {
        String userInfo = !hasCredentials() ? "" : withCredentials ? encode(username) + ":" + encode(passwordOrEmpty())
                + "@" : encode(username) + ":***@";
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + userInfo + h + ":" + port + "/";
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return protocol + "://" + host + ":" + port + (id != null ? " (settings.xml proxy '" + id + "')" : "");
    }
}
