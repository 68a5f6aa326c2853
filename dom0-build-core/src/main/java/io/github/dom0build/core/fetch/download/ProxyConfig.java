package io.github.dom0build.core.fetch.download;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxy as settings.xml describes it. {@code nonProxyHosts} is settings.xml's {@code |}-separated
 * list with {@code *} wildcards.
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
