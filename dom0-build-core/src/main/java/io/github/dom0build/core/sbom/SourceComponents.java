package io.github.dom0build.core.sbom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
    static Component source(String ref, JsonObject sources, String upstream, String version) {
        JsonObject source = Json.object(sources, "source");
        JsonObject id = Json.object(source, "identity");
        JsonObject resolved = Json.object(source, "resolved");
        String type = Json.string(id, "type");
        Component c = SbomComponents.of(Component.Type.LIBRARY, ref, upstream, version);
        c.addProperty(SbomComponents.property("role", "source"));
        c.addProperty(SbomComponents.property("source:type", type));
        switch (type == null ? "" : type) {
            case "apt" -> {
                // The distribution's source package: its purl is what Debian's security tracker matches.
                String pkg = Json.string(id, "package");
                c.setName(pkg);
                c.setVersion(Json.string(id, "version"));
                c.setPurl(Purls.deb(pkg, c.getVersion(), "source"));
                SbomComponents.sha256(c, Json.string(id, "origSha256"));
                c.addProperty(SbomComponents.property("source:debianPatches", Json.string(id, "debianPatches")));
            }
            case "archive" -> {
                String url = Json.string(id, "url");
                Matcher m = TARBALL.matcher(url.substring(url.lastIndexOf('/') + 1));
                if (m.matches()) {
                    c.setName(m.group(1));
                    c.setVersion(m.group(2));
                }
                String sha = Json.string(id, "sha256") != null ? Json.string(id, "sha256")
                        : Json.string(resolved, "sha256");
                c.setPurl(Purls.generic(c.getName(), c.getVersion(), Purls.qualifiers("download_url", url,
                        "checksum", sha == null ? null : "sha256:" + sha)));
                SbomComponents.sha256(c, sha);
                c.addExternalReference(reference(ExternalReference.Type.DISTRIBUTION, url));
            }
            case "git" -> {
                String url = Json.string(id, "url");
                String commit = Json.string(resolved, "commit") != null ? Json.string(resolved, "commit")
                        : Json.string(id, "commit");
                if (Json.string(id, "ref") != null) {
                    c.addProperty(SbomComponents.property("source:ref", Json.string(id, "ref")));
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
                c.addProperty(SbomComponents.property("source:path", Json.string(id, "path")));
                c.addProperty(SbomComponents.property("source:fingerprint", Json.string(id, "fingerprint")));
            }
        }
        return c;
    }

    /** One file component per patch, in the order they were applied. */
    static List<Component> patches(String prefix, JsonObject sources) {
        List<Component> out = new ArrayList<>();
        int i = 0;
        for (JsonElement e : Json.array(sources, "patches")) {
            JsonObject p = e.getAsJsonObject();
            String name = Json.string(p, "name");
            Component c = SbomComponents.of(Component.Type.FILE, prefix + ":patch:" + name, name, null);
            SbomComponents.sha256(c, Json.string(p, "sha256"));
            c.addProperty(SbomComponents.property("role", "patch"));
            c.addProperty(SbomComponents.property("patch:order", Integer.toString(++i)));
            if (p.has("strip")) {
                c.addProperty(SbomComponents.property("patch:strip", Json.string(p, "strip")));
            }
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
