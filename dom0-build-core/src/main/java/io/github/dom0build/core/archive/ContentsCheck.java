package io.github.dom0build.core.archive;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An unpacked archive compared with the file list of its metadata ({@link DistMetadata#files}):
 * every file must be listed with the same sha256 and mode, every link with the same target, and every
 * listed path must be there. Directories are not listed (an empty one in the stage is still archived),
 * so they are not compared.
 */
public final class ContentsCheck {
    private ContentsCheck() {
    }

    /** What differs, one line per path (empty: the tree is what the metadata lists). */
    public static List<String> differences(Path tree, DistMetadata metadata) throws BuildException {
        if (metadata.files() == null) {
            return List.of("the metadata has no list of files");
        }
        Map<String, DistMetadata.FileEntry> listed = new LinkedHashMap<>();
        metadata.files().forEach(f -> listed.put(f.path(), f));
        List<String> differences = new ArrayList<>();
        for (TreeEntry e : TreeScanner.scan(tree)) {
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                continue;
            }
            String path = Printable.escape(e.path());
            DistMetadata.FileEntry f = listed.remove(e.path());
            if (f == null) {
                differences.add(path + ": in the archive, not in its metadata");
            } else if (e.kind() == TreeEntry.Kind.SYMLINK) {
                if (!e.linkTarget().equals(f.link())) {
                    differences.add(path + ": a link to " + Printable.escape(e.linkTarget()) + " in the archive, "
                            + (f.link() == null ? "a file" : "a link to " + Printable.escape(f.link()))
                            + " in the metadata");
                }
            } else if (f.sha256() == null) {
                differences.add(path + ": a file in the archive, a link in the metadata");
            } else if (!e.sha256().equals(f.sha256())) {
                differences.add(path + ": sha256 " + e.sha256() + " in the archive, " + f.sha256()
                        + " in the metadata");
            } else if (f.mode() != null && !String.format("%04o", e.mode()).equals(f.mode())) {
                differences.add(path + ": mode " + String.format("%04o", e.mode()) + " in the archive, "
                        + f.mode() + " in the metadata");
            }
        }
        for (String missing : listed.keySet()) {
            differences.add(Printable.escape(missing) + ": in the metadata, missing from the archive");
        }
        return differences;
    }
}
