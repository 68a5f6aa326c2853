package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.CacheKeyPinning;
import io.github.dom0build.core.text.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a base configuration comes from, as the user wrote it in {@code configFile}: {@code running}
 * (this machine's kernel), an http(s) URL with its sha256, Maven coordinates
 * ({@code groupId:artifactId:version[:extension[:classifier]]}), or a path.
 */
public record ConfigFileSpec(Kind kind, String value, String sha256) {
    public enum Kind { RUNNING, URL, ARTIFACT, FILE }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    /** Which kind {@code value} names, without checking the rest (a URL's digest, say). */
    public static Kind kindOf(String value) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.equals("running")) {
            return Kind.RUNNING;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return Kind.URL;
        }
        return !v.contains("/") && isCoordinates(v) ? Kind.ARTIFACT : Kind.FILE;
    }

    public static ConfigFileSpec parse(String value, String sha256) throws BuildException {
        String v = value.strip();
        String digest = sha256 == null || sha256.isBlank() ? null : sha256.strip().toLowerCase(Locale.ROOT);
        if (digest != null && !SHA256.matcher(digest).matches()) {
            throw new BuildException("configFileSha256 '" + Printable.escape(sha256) + "' is not a sha256 (64 hex"
                    + " digits).", "take it from sha256sum of the file");
        }
        Kind kind = kindOf(v);
        if (kind == Kind.URL) {
            try {
                new URI(v);
            } catch (URISyntaxException e) {
                throw new BuildException("configFile '" + Printable.escape(v) + "' is not a valid URL: "
                        + e.getReason() + ".", "encode spaces and special characters (%20)", e);
            }
            if (digest == null) {
                throw new BuildException("configFile is the URL " + v + " but configFileSha256 is not set: a"
                        + " configuration downloaded without a known digest could be anything.",
                        "set configFileSha256 to the file's sha256 (sha256sum config-...)");
            }
        }
        return new ConfigFileSpec(kind, v, digest);
    }

    /**
     * {@link #parse} for the hypervisor's Kconfig: everything but {@code running}, which names this
     * machine's kernel configuration; no machine keeps a copy of the hypervisor's.
     */
    public static ConfigFileSpec parseHypervisor(String value, String sha256) throws BuildException {
        ConfigFileSpec spec = parse(value, sha256);
        if (spec.kind() == Kind.RUNNING) {
            throw new BuildException("configFile=running names this machine's kernel configuration"
                    + " (/boot/config-$(uname -r)); a machine keeps no copy of the hypervisor's xen/.config.",
                    "give xen:defconfig a path, an https URL with configFileSha256, or Maven coordinates"
                            + " (groupId:artifactId:version[:extension[:classifier]])");
        }
        return spec;
    }

    /**
     * Why a build cache, which keys a module on its POM and on the files its parameters name before any goal
     * runs, cannot tell this configuration from another under the same parameters, and how to pin it; empty
     * when the parameters name the contents: a URL (always with its sha256), a file named by a plain path
     * outside {@code tmpDir} (the cache hashes it), a release artifact, or any of them with
     * {@code configFileSha256}.
     */
    public Optional<String> unpinned(String tmpDir) {
        if (sha256 != null) {
            return Optional.empty();
        }
        return switch (kind) {
            case RUNNING -> Optional.of("configFile=running is this machine's kernel configuration, whichever"
                    + " kernel it runs today; set configFileSha256 to its sha256, or keep a copy in the project");
            case ARTIFACT -> value.contains("-SNAPSHOT") || value.contains(":LATEST") || value.contains(":RELEASE")
                    ? Optional.of("the configuration " + value + " names a version that moves; name a release, or"
                            + " set configFileSha256")
                    : Optional.empty();
            case FILE -> CacheKeyPinning.readsAsPath(value, tmpDir) ? Optional.empty()
                    : Optional.of("the configuration " + value + " is named as a URL or lies under the temporary"
                            + " directory, which the cache does not read; name it by a plain path elsewhere, or set"
                            + " configFileSha256");
            case URL -> Optional.empty();
        };
    }

    private static boolean isCoordinates(String v) {
        String[] parts = v.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            return false;
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }
}
