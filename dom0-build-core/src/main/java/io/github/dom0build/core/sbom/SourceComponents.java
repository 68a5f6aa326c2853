package io.github.dom0build.core.sbom;

import io.github.dom0build.core.metadata.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;

/**
 * The sources a dist was built from, as the metadata's {@code sources} records them (fetch and patch
 * stamps): the upstream tree as one component (name, version, download URL or VCS commit, hash, purl)
 * and each patch as a file component with its sha256.
 */
final class SourceComponents {
    // linux-6.1.176.tar.xz, xen-4.17.5.tar.gz: the upstream tarball convention
    private static final Pattern TARBALL = Pattern.compile("(.+?)-(\\d[^/]*?)\\.(tar(\\.[a-z0-9]+)?|tgz|zip)");

    private SourceComponents() {
    }

    /** The upstream source; {@code upstream} and {@code version} name it when the identity cannot. */
    static Component source(String ref, Sources.Fetch source, String upstream, String version) {
        Sources.Identity id = source.identity() != null ? source.identity()
                : new Sources.Identity(null, null, null, null, null, null, null, null, null, null, null, null);
        Sources.Resolved resolved = source.resolved() != null ? source.resolved()
                : new Sources.Resolved(null, null, null, null);
        String type = id.type();
        Component c = SbomComponents.of(Component.Type.LIBRARY, ref, upstream, version);
        c.addProperty(SbomComponents.property("role", "source"));
        c.addProperty(SbomComponents.property("source:type", type));
        switch (type == null ? "" : type) {
            case "apt" -> {
                // The distribution's source package: its purl is what Debian's security tracker matches.
                String pkg = id.packageName();
                c.setName(pkg);
                c.setVersion(id.version());
                c.setPurl(Purls.deb(pkg, c.getVersion(), "source"));
                SbomComponents.sha256(c, id.origSha256());
                c.addProperty(SbomComponents.property("source:debianPatches", id.debianPatches() == null ? null
                        : id.debianPatches().toString()));
            }
            case "archive" -> {
                String url = id.url();
                Matcher m = TARBALL.matcher(url.substring(url.lastIndexOf('/') + 1));
                if (m.matches()) {
                    c.setName(m.group(1));
                    c.setVersion(m.group(2));
                }
                String sha = id.sha256() != null ? id.sha256() : resolved.sha256();
                c.setPurl(Purls.generic(c.getName(), c.getVersion(), Purls.qualifiers("download_url", url,
                        "checksum", sha == null ? null : "sha256:" + sha)));
                SbomComponents.sha256(c, sha);
                c.addExternalReference(reference(ExternalReference.Type.DISTRIBUTION, url));
            }
            case "git" -> {
                String url = id.url();
                String commit = resolved.commit() != null ? resolved.commit() : id.commit();
                if (id.ref() != null) {
                    c.addProperty(SbomComponents.property("source:ref", id.ref()));
                }
                if (commit != null) {
                    c.setVersion(commit);
                    c.addProperty(SbomComponents.property("source:commit", commit));
                }
                c.setPurl(Purls.generic(c.getName(), c.getVersion(), Purls.qualifiers("vcs_url",
                        "git+" + url + (commit == null ? "" : "@" + commit))));
                c.addExternalReference(reference(ExternalReference.Type.VCS, url));
            }
            default -> {
                // A local directory: no public identity, only the tree's fingerprint and where it was.
                c.setPurl(Purls.generic(c.getName(), c.getVersion(), Purls.qualifiers()));
                c.addProperty(SbomComponents.property("source:path", id.path()));
                c.addProperty(SbomComponents.property("source:fingerprint", id.fingerprint()));
            }
        }
        return c;
    }

    /** One file component per patch, in the order they were applied. */
    static List<Component> patches(String prefix, List<Sources.Patch> patches) {
        List<Component> out = new ArrayList<>();
        int i = 0;
        for (Sources.Patch p : patches) {
            String name = p.name();
            Component c = SbomComponents.of(Component.Type.FILE, prefix + ":patch:" + name, name, null);
            SbomComponents.sha256(c, p.sha256());
            c.addProperty(SbomComponents.property("role", "patch"));
            c.addProperty(SbomComponents.property("patch:order", Integer.toString(++i)));
            c.addProperty(SbomComponents.property("patch:strip", Integer.toString(p.strip())));
            out.add(c);
        }
        return out;
    }

    private static ExternalReference reference(ExternalReference.Type type, String url) {
        ExternalReference r = new ExternalReference();
        r.setType(type);
        r.setUrl(url);
        return r;
    }
}
