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
    }

    /** What fetch found: the commit a git ref resolved to; an archive's digest, entry count and stripped prefix. */
    public record Resolved(String commit, String sha256, Integer entries, String strippedPrefix) {
    }

    /** One applied patch; {@code commits} are those it became in a git tree. */
    public record Patch(String name, String sha256, int strip, List<String> commits) {
    }
}
