package io.github.dom0build.core.install;

import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    /**
     * Notes other goals keep about an install beside its manifest ({@code <name>.<kind>}), which go with the
     * manifest when the install is taken out: {@code initramfs}, the tool that made the kernel's initramfs.
     */
    public static final List<String> NOTE_KINDS = List.of("initramfs");

    public static Path fileFor(TargetRoot root, String name) throws IOException {
        return root.resolve("var/lib/dom0-build/" + name + ".manifest");
    }

    /** The note of {@code kind} (one of {@link #NOTE_KINDS}) about the install {@code name}. */
    public static Path noteFor(TargetRoot root, String name, String kind) throws IOException {
        if (!NOTE_KINDS.contains(kind)) {
            throw new IllegalArgumentException("no note kind " + kind);
        }
        return root.resolve("var/lib/dom0-build/" + name + "." + kind);
    }

    /**
     * Records that dom0-build itself changed an installed file after the install (systemd-enable writing
     * XENSTORED into xencommons): every manifest of the root that lists {@code machinePath} gets its new
     * digest, so that uninstall takes out the file dom0-build left, and keeps only what someone else
     * changed since.
     */
    public static void recordEdit(TargetRoot root, String machinePath) throws IOException {
        Path records = root.resolve("var/lib/dom0-build");
        if (!Files.isDirectory(records, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String sha = Sha256.of(root.resolve(machinePath.substring(1)));
        List<Path> manifests;
        try (Stream<Path> s = Files.list(records)) {
            manifests = s.filter(p -> p.getFileName().toString().endsWith(".manifest")).sorted().toList();
        }
        for (Path m : manifests) {
            String text = Files.readString(m, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            for (String line : text.split("\n")) {
                if (line.endsWith("  " + machinePath) && line.matches("[0-9a-f]{64}  /.*")) {
                    out.append(sha).append("  ").append(machinePath).append('\n');
                    changed |= !line.startsWith(sha);
                } else if (!line.isEmpty()) {
                    out.append(line).append('\n');
                }
            }
            if (changed) {
                FileTrees.writeAtomically(m, out.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
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
