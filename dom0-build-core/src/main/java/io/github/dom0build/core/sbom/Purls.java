package io.github.dom0build.core.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Map;

/**
 * Package URLs (purl), the identifier SBOM tools and vulnerability databases match on, built through
 * the reference library so that every character is encoded the way readers expect.
 */
final class Purls {
    private Purls() {
    }

    /** {@code pkg:maven/group/artifact@version?classifier=kernel&type=tar.gz}. */
    static String maven(String group, String artifact, String version, String classifier, String type) {
        return build("maven", group, artifact, version, qualifiers("classifier", classifier, "type", type));
    }

    /** {@code pkg:deb/debian/gcc-12@12.2.0-14?arch=amd64}; {@code arch=source} for a source package. */
    static String deb(String name, String version, String arch) {
        return build("deb", "debian", name, version, qualifiers("arch", arch));
    }

    /** {@code pkg:generic/linux@6.1.176?download_url=...}: upstream sources that no package manager names. */
    static String generic(String name, String version, Map<String, String> qualifiers) {
        return build("generic", null, name, version, qualifiers);
    }

    static Map<String, String> qualifiers(String... kv) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>(); // purl qualifiers are sorted
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null && !kv[i + 1].isEmpty()) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static String build(String type, String namespace, String name, String version,
            Map<String, String> qualifiers) {
        PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withName(name).withVersion(version);
        if (namespace != null) {
            b.withNamespace(namespace);
        }
        qualifiers.forEach(b::withQualifier);
        try {
            return b.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("not a package URL: " + type + "/" + name + "@" + version, e);
        }
    }
}
