package io.github.dom0build.maven;

import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxyDecryption;
import io.github.dom0build.core.net.ProxySelection;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The active proxies of settings.xml, passwords decrypted, in the core's terms: for archive downloads,
 * git over http(s) and apt alike. A password that cannot be decrypted is reported, naming the proxy.
 */
final class Proxies {
    private Proxies() {
    }

    static ProxySelection from(MavenSession session, SettingsDecrypter decrypter, Log log) {
        List<ProxyConfig> out = new ArrayList<>();
        if (session == null || session.getSettings() == null) {
            return ProxySelection.none();
        }
        for (Proxy p : session.getSettings().getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            Proxy proxy = p;
            List<String> problems = new ArrayList<>();
            if (decrypter != null) {
                SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(p));
                if (r.getProxy() != null) {
                    proxy = r.getProxy();
                }
                for (SettingsProblem problem : r.getProblems()) {
                    problems.add(problem.getMessage());
                }
            }
            ProxyConfig config = new ProxyConfig(proxy.getId(), proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                    proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts());
            if (!problems.isEmpty()) {
                log.warn(ProxyDecryption.warning(proxy.getId(), problems));
                config = ProxyDecryption.withoutPassword(config);
            }
            out.add(config);
        }
        return new ProxySelection(out);
    }
}
