package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.text.Urls;

/**
 * A git repository: {@code url} as JGit takes it (a remote URL or a local path), {@code ref} a
 * branch, tag or commit ({@code null} for the remote's default branch), {@code commitPin} an optional
 * commit id the ref must resolve to.
 */
public record GitSource(String url, String ref, String commitPin) implements SourceSpec {
    @Override
    public Sources.Identity identity() {
        return Sources.Identity.git(Urls.redact(url), ref, commitPin); // the stamp never stores credentials
    }

    /** A path or file: URL, which needs no network and is allowed offline. */
    /** The URL as messages show it: credentials replaced by {@code ***}. */
    public String shownUrl() {
        return Urls.redact(url);
    }

    public boolean isLocal() {
        return url.startsWith("/") || url.startsWith("file:");
    }

    @Override
    public String describe() {
        return "git " + Urls.redact(url) + (ref != null ? " at " + ref : " (default branch)")
                + (commitPin != null ? ", pinned to " + commitPin : "");
    }
}
