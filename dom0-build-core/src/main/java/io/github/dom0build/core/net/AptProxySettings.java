package io.github.dom0build.core.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy part of a private apt configuration, from settings.xml's proxies: {@code Acquire::http::Proxy}
 * and {@code Acquire::https::Proxy} with the proxy's credentials, and {@code "DIRECT"} for each host that
 * nonProxyHosts exempts. apt only knows exact host names there, so the wildcards of nonProxyHosts are
 * applied here to the hosts the sources name (and the plain names in nonProxyHosts are listed as they
 * are). The text with credentials goes only into a file only the user can read, which the caller deletes
 * after the apt run ({@link #writeTo}); anything shown has {@code ***} in their place.
 */
public final class AptProxySettings {
    private static final Pattern URL_HOST = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://(?:[^/@\\s]*@)?(\\[[^]]+]|[^/:\\s\\]]+)");
    private static final List<String> SCHEMES = List.of("http", "https");

    private final ProxySelection proxies;
    private final Set<String> hosts;

    private AptProxySettings(ProxySelection proxies, Set<String> hosts) {
        this.proxies = proxies;
        this.hosts = hosts;
    }

    /** The settings for apt reading {@code sources} (deb822 or one-line form; the URLs' hosts are used). */
    public static AptProxySettings of(ProxySelection proxies, String sources) {
        Set<String> hosts = new TreeSet<>();
        Matcher m = URL_HOST.matcher(sources == null ? "" : sources);
        while (m.find()) {
            hosts.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return new AptProxySettings(proxies, hosts);
    }

    /** True when no proxy applies to apt: nothing to write. */
    public boolean isEmpty() {
        return SCHEMES.stream().allMatch(s -> proxies.forScheme(s).isEmpty());
    }

    /** apt.conf text; the credentials as {@code ***} unless {@code withCredentials}. */
    public String render(boolean withCredentials) {
        StringBuilder out = new StringBuilder();
        for (String scheme : SCHEMES) {
            Optional<ProxyConfig> proxy = proxies.forScheme(scheme);
            if (proxy.isEmpty()) {
                continue;
            }
            out.append("Acquire::").append(scheme).append("::Proxy \"").append(proxy.get().url(withCredentials))
                    .append("\";\n");
            for (String host : directHosts(proxy.get())) {
                out.append("Acquire::").append(scheme).append("::Proxy::").append(host).append(" \"DIRECT\";\n");
            }
        }
        return out.toString();
    }

    /**
     * The same settings as the environment apt's http method reads when no {@code Acquire::*::Proxy} is
     * configured ({@code http_proxy}, {@code https_proxy} with credentials, {@code no_proxy}): for a tool
     * such as mmdebstrap that runs apt with a configuration of its own and keeps any {@code --aptopt} in
     * the root it makes, where credentials must not end up. With a proxy, the variables it does not set
     * map to {@code null} (removed from the inherited environment), so that a shell's own
     * {@code https_proxy} or {@code no_proxy} does not mix with settings.xml's. apt has one
     * {@code no_proxy} for both schemes: it holds the hosts either proxy exempts. Empty without a proxy:
     * the inherited environment applies, as for every other program.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (isEmpty()) {
            return env;
        }
        Set<String> direct = new TreeSet<>();
        for (String scheme : SCHEMES) {
            Optional<ProxyConfig> p = proxies.forScheme(scheme);
            env.put(scheme + "_proxy", p.map(c -> c.url(true)).orElse(null));
            p.ifPresent(c -> direct.addAll(directHosts(c)));
        }
        env.put("no_proxy", direct.isEmpty() ? null : String.join(",", direct));
        return env;
    }

    /** The hosts apt reaches without the proxy: those of the sources it exempts, and its plain names. */
    private Set<String> directHosts(ProxyConfig proxy) {
        Set<String> direct = new TreeSet<>();
        hosts.stream().filter(proxy::bypasses).forEach(direct::add);
        if (proxy.nonProxyHosts() != null) {
            for (String name : proxy.nonProxyHosts().split("[|,]")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                if (n.matches("[a-z0-9.-]+")) {
                    direct.add(n);
                }
            }
        }
        return direct;
    }

    /**
     * Writes the settings with credentials into a new file in {@code dir} that only the user can read, and
     * returns it; the caller deletes it when apt is done (and the JVM at exit, if the caller cannot).
     */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "proxy-", ".conf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        Files.writeString(file, render(true), StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public String toString() {
        return render(false).strip().replace("\n", "; ");
    }
}
