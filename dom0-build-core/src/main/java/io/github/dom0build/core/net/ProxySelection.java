package io.github.dom0build.core.net;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the proxy for a URL the way users expect from Maven: a proxy for the URL's own protocol
 * first, else an {@code http} proxy (what most settings.xml files declare for https too), unless the
 * host is in that proxy's nonProxyHosts.
 */
public final class ProxySelection {
    private final List<ProxyConfig> proxies;

    public ProxySelection(List<ProxyConfig> proxies) {
        this.proxies = proxies == null ? List.of() : List.copyOf(proxies);
    }

    public static ProxySelection none() {
        return new ProxySelection(List.of());
    }

    /** True when settings.xml declares no active proxy: every connection goes direct. */
    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    public Optional<ProxyConfig> forUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<ProxyConfig> p = find(scheme, uri.getHost());
        if (p.isEmpty() && "https".equals(scheme)) {
            p = find("http", uri.getHost());
        }
        return p;
    }

    /** The proxy URLs of {@code scheme} go through unless their host bypasses it (nonProxyHosts). */
    public Optional<ProxyConfig> forScheme(String scheme) {
        Optional<ProxyConfig> p = ofProtocol(scheme);
        return p.isEmpty() && "https".equalsIgnoreCase(scheme) ? ofProtocol("http") : p;
    }

    private Optional<ProxyConfig> ofProtocol(String protocol) {
        return proxies.stream().filter(p -> protocol.equalsIgnoreCase(p.protocol() == null ? "http" : p.protocol()))
                .findFirst();
    }

    private Optional<ProxyConfig> find(String protocol, String host) {
        return proxies.stream()
                .filter(p -> protocol.equalsIgnoreCase(p.protocol() == null ? "http" : p.protocol()))
                .findFirst()
                .filter(p -> !p.bypasses(host));
    }
}
