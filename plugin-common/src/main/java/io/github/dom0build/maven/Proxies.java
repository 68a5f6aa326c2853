package io.github.dom0build.maven;

import io.github.dom0build.core.fetch.download.ProxyConfig;
import io.github.dom0build.core.fetch.download.ProxySelection;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The active proxies of settings.xml, passwords decrypted, in the core's terms. */
final class Proxies {
    private Proxies() {
    }

    static ProxySelection from(MavenSession session, SettingsDecrypter decrypter) {
        List<ProxyConfig> out = new ArrayList<>();
        if (session == null || session.getSettings() == null) {
            return ProxySelection.none();
        }
        for (Proxy p : session.getSettings().getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            Proxy proxy = p;
            if (decrypter != null) {
                SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(p));
                if (r.getProxy() != null) {
                    proxy = r.getProxy();
                }
            }
            out.add(new ProxyConfig(proxy.getId(), proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                    proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts()));
        }
        return new ProxySelection(out);
    }
}
