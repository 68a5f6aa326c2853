package io.github.dom0build.core.net;

import java.util.List;

/**
 * What to say when Maven could not decrypt a settings.xml proxy's password. The proxy is still used,
 * without that password (an encrypted string sent as a password would only be refused, and shown to
 * the proxy), so a proxy that wants one answers 407 and the build's message leads back here.
 */
public final class ProxyDecryption {
    private ProxyDecryption() {
    }

    /** The warning for proxy {@code id} and the decrypter's problem messages. */
    public static String warning(String id, List<String> problems) {
        return "settings.xml proxy '" + id + "': its password could not be decrypted (" + String.join("; ", problems)
                + "); downloads, git and apt go through it without a password, and a proxy that asks for one"
                + " answers 407. Fix: check the {...} password in settings.xml and the master password in"
                + " ~/.m2/settings-security.xml (mvn --encrypt-master-password, mvn --encrypt-password)";
    }

    /** {@code proxy} without its password, as used after {@link #warning}. */
    public static ProxyConfig withoutPassword(ProxyConfig proxy) {
        return new ProxyConfig(proxy.id(), proxy.protocol(), proxy.host(), proxy.port(), proxy.username(), null,
                proxy.nonProxyHosts());
    }
}
