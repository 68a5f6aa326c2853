package io.github.dom0build.core.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An install's manifest in the root ({@code var/lib/dom0-build/<name>.manifest}), one line per path:
 * {@code <sha256>  /path} for a file, {@code link -> <target>  /path} for a symbolic link,
 * {@code dir  /path} for a directory the install created.
 */
public final class InstallManifest {
    /** One line: a file with its digest, a link with its target, or a created directory. */
    public record Line(String path, String sha256, String linkTarget, boolean directory) {
    }

    private InstallManifest() {
    }

    public static Path fileFor(TargetRoot root, String name) throws IOException {
        return root.resolve("var/lib/dom0-build/" + name + ".manifest");
    }

    public static List<Line> parse(String text) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int at = line.indexOf("  /");
            if (at < 0) {
                throw new IOException("not a manifest line: " + line);
            }
            String what = line.substring(0, at);
            String path = line.substring(at + 2);
            if (what.equals("dir")) {
                out.add(new Line(path, null, null, true));
            } else if (what.startsWith("link -> ")) {
                out.add(new Line(path, null, what.substring(8), false));
            } else if (what.matches("[0-9a-f]{64}")) {
                out.add(new Line(path, what, null, false));
            } else {
                throw new IOException("not a manifest line: " + line);
            }
        }
        return out;
    }
}
