package io.github.dom0build.core.fetch.apt;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian source control file (.dsc): the package, its version, and the sha256 and size of every file
 * of the source package. apt checks these against the signed Sources index when it downloads; we check
 * them again before anything is unpacked.
 */
public record DscFile(String source, String version, List<Entry> files) {
    /** One file of the source package. */
    public record Entry(String sha256, long size, String name) {
    }

    public static DscFile read(Path dsc) throws BuildException {
        try {
            return parse(Files.readString(dsc, StandardCharsets.UTF_8), dsc.toString());
        } catch (IOException e) {
            throw new BuildException("Cannot read " + dsc + ": " + e.getMessage(), "fetch the package again", e);
        }
    }

    static DscFile parse(String text, String where) throws BuildException {
        String source = null;
        String version = null;
        List<Entry> files = new ArrayList<>();
        boolean inSums = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("-----BEGIN PGP SIGNATURE")) {
                break;
            }
            if (inSums && line.startsWith(" ")) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3) {
                    files.add(new Entry(f[0], Long.parseLong(f[1]), f[2]));
                }
                continue;
            }
            inSums = line.startsWith("Checksums-Sha256:");
            if (line.startsWith("Source:")) {
                source = line.substring(7).strip();
            } else if (line.startsWith("Version:")) {
                version = line.substring(8).strip();
            }
        }
        if (source == null || version == null || files.isEmpty()) {
            throw new BuildException(where + " is not a source control file with Source, Version and"
                    + " Checksums-Sha256.", "fetch the package again; the file is damaged");
        }
        return new DscFile(source, version, files);
    }

    /** The upstream tarball: {@code <source>_<upstream>.orig.tar.*}, not an {@code orig-<component>}. */
    public Entry origTarball() throws BuildException {
        for (Entry e : files) {
            if (e.name().matches(java.util.regex.Pattern.quote(source) + "_[^_]+\\.orig\\.tar\\.[a-z0-9]+")) {
                return e;
            }
        }
        throw new BuildException(source + " " + version + " has no upstream orig tarball (a native package?).",
                "use a package that ships the upstream sources as an orig tarball, or another url form");
    }

    /** Debian's packaging: {@code <source>_<version>.debian.tar.*}, if the format has one. */
    public Entry debianTarball() throws BuildException {
        for (Entry e : files) {
            if (e.name().matches(java.util.regex.Pattern.quote(source) + "_[^_]+\\.debian\\.tar\\.[a-z0-9]+")) {
                return e;
            }
        }
        throw new BuildException(source + " " + version + " has no debian.tar (source format 1.0?).",
                "set debianPatches=false");
    }
}
