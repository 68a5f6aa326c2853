package io.github.dom0build.core.metadata;

import io.github.dom0build.core.BuildException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code schemaVersion} every JSON document the plugins write carries, {@code "major.minor"}. A minor
 * step only adds optional fields, so a reader takes any minor of its major; a major step changes or
 * removes something, so a reader refuses a major it does not know rather than misread the document.
 */
public record SchemaVersion(int major, int minor) {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)");

    public static SchemaVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a major.minor version: " + text);
        }
        return new SchemaVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Fails unless a reader of this version can read a document that says {@code found}: the same major.
     * {@code document} names the kind of file ("dom0-build metadata") for the message.
     */
    public void requireReadable(Path file, String document, String found) throws BuildException {
        if (found == null) {
            throw new BuildException("The " + document + " " + file + " has no schemaVersion: it was written by a"
                    + " dom0-build plugin older than the versioned formats, or by another tool. This plugin reads"
                    + " schemaVersion " + major + ".x.",
                    "rebuild the file with this plugin version (for an artifact from a repository: build and deploy"
                            + " it again)");
        }
        SchemaVersion v;
        try {
            v = parse(found);
        } catch (IllegalArgumentException e) {
            throw new BuildException("The " + document + " " + file + " has schemaVersion \"" + found
                    + "\", which is not of the form major.minor.", "rebuild the file with a dom0-build plugin");
        }
        if (v.major != major) {
            throw new BuildException("The " + document + " " + file + " has schemaVersion " + v + "; this plugin"
                    + " reads schemaVersion " + major + ".x only (it is " + this + ").",
                    "use a version of the dom0-build plugins that reads schemaVersion " + v.major + ".x"
                            + (v.major > major ? " (a newer one)" : " (an older one)")
                            + ", or rebuild the file with this plugin version");
        }
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
