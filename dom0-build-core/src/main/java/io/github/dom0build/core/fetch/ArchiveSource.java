package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.text.Urls;
import java.net.URI;

/** An archive at an http(s) or file URL, with the sha256 it must have (required for http and https). */
public record ArchiveSource(URI uri, String sha256) implements SourceSpec {
    public boolean isRemote() {
        return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    }

    @Override
    public Sources.Identity identity() {
        return Sources.Identity.archive(Urls.redact(uri.toString()), sha256); // the stamp never stores credentials
    }

    @Override
    public String describe() {
        return "archive " + Urls.redact(uri.toString())
                + (sha256 != null ? " (sha256 " + sha256.substring(0, 12) + "...)" : "");
    }
}
