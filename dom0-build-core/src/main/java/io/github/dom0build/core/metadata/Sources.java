package io.github.dom0build.core.metadata;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a tree came from, as fetch and patch recorded it: the source identity (URL, ref and commit,
 * archive URL and sha256, Debian package and version, or a local directory) with what fetch resolved,
 * and the patches applied in order, each with its sha256. The part of the metadata that answers
 * "which sources exactly?".
 */
public record Sources(Fetch source, List<Patch> patches) {

    /** The fetch stamp: what was asked for, and what it resolved to. */
    public record Fetch(Identity identity, Resolved resolved) {
    }

    /**
     * The source as asked for; {@code type} says which fields apply: {@code git} (url, ref, commit),
     * {@code archive} (url, sha256), {@code apt} (package, version, debianPatches, origSha256, and
     * {@code part} for Debian's own tree), {@code directory} (path) and {@code directory-copy} (path,
     * fingerprint).
     */
    public record Identity(String type, String url, String ref, String commit, String sha256,
            @JsonProperty("package") String packageName, String version, Boolean debianPatches, String origSha256,
            String part, String path, String fingerprint) {

        public static Identity git(String url, String ref, String commit) {
            return new Identity("git", url, ref, commit, null, null, null, null, null, null, null, null);
        }

        public static Identity archive(String url, String sha256) {
            return new Identity("archive", url, null, null, sha256, null, null, null, null, null, null, null);
        }

        public static Identity apt(String packageName, String version, boolean debianPatches) {
            return new Identity("apt", null, null, null, null, packageName, version, debianPatches, null, null, null,
                    null);
        }

        public static Identity directory(String path, boolean copy) {
            return new Identity(copy ? "directory-copy" : "directory", null, null, null, null, null, null, null, null,
                    null, path, null);
        }

        /** apt: the version the .dsc names and the digest of its upstream tarball. */
        public Identity withOrig(String resolvedVersion, String sha256) {
            return new Identity(type, url, ref, commit, this.sha256, packageName, resolvedVersion, debianPatches,
                    sha256, part, path, fingerprint);
        }

        /** apt: Debian's own tree beside the upstream one. */
        public Identity withPart(String name) {
            return new Identity(type, url, ref, commit, sha256, packageName, version, debianPatches, origSha256, name,
                    path, fingerprint);
        }

        /** directory-copy: the digest of the directory's contents. */
        public Identity withFingerprint(String digest) {
            return new Identity(type, url, ref, commit, sha256, packageName, version, debianPatches, origSha256, part,
                    path, digest);
        }
    }

    /** What fetch found: the commit a git ref resolved to; an archive's digest, entry count and stripped prefix. */
    public record Resolved(String commit, String sha256, Long entries, String strippedPrefix) {
        /** Nothing resolved (a directory, a stamp that matched). */
        public static final Resolved NONE = new Resolved(null, null, null, null);

        public static Resolved commit(String id) {
            return new Resolved(id, null, null, null);
        }
    }

    /** One applied patch; {@code commits} are those it became in a git tree. */
    public record Patch(String name, String sha256, int strip, List<String> commits) {
    }
}
