package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in xen-dom0 fragment shipped in this jar: {@code xen-dom0.config} for every architecture,
 * followed by {@code xen-dom0-<srcarch>.config} where there is one (x86, arm64).
 */
public final class Dom0Fragment {
    private Dom0Fragment() {
    }

    /** Adds the fragment for {@code srcArch} to the request. */
    public static ConfigRequest.Builder addTo(ConfigRequest.Builder request, String srcArch) throws BuildException {
        request.fragment(resource("xen-dom0.config"), ConfigRequest.BUILT_IN_XEN_DOM0);
        String arch = resource("xen-dom0-" + srcArch + ".config");
        if (arch != null) {
            request.fragment(arch, ConfigRequest.BUILT_IN_XEN_DOM0 + " (" + srcArch + ")");
        }
        return request;
    }

    static String resource(String name) {
        try (InputStream in = Dom0Fragment.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
