package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.ContentsCheck;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.DistMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A kernel, Xen or dom0 archive that CI published, unpacked into a temporary directory with the safe
 * extractor and checked file by file against the sha256 list of its metadata before anything is
 * installed from it: a changed, added or missing file fails with each path named. Installed through
 * {@link RootInstaller} like a stage the build made; closing it removes the temporary directory.
 */
public final class PublishedArchive implements AutoCloseable {
    /**
     * What a dom0 bundle's root holds for itself, not for the machine it is installed on: the staged
     * grub.cfg (only the Xen entries, without the machine's disk), grub's defaults of the bundle root,
     * and the install records of its assembly.
     */
    private static final Map<String, String> BUNDLE_ROOTS_OWN = new LinkedHashMap<>();

    static {
        BUNDLE_ROOTS_OWN.put("boot/grub/grub.cfg", "it has only the Xen entries, without this machine's disk: run"
                + " xen:grub-update here");
        BUNDLE_ROOTS_OWN.put("etc/default/grub", "grub's settings stay this machine's: set xenDefault, xenCommandLine"
                + " and dom0CommandLine with xen:grub-update here");
        BUNDLE_ROOTS_OWN.put("var/lib/dom0-build", "the records of the bundle's own assembly; this install writes its"
                + " own");
    }

    private final Path tree;
    private final String kind;
    private final Path createdWorkDir;
    private final BuildLog log;

    private PublishedArchive(Path tree, String kind, Path createdWorkDir, BuildLog log) {
        this.tree = tree;
        this.kind = kind;
        this.createdWorkDir = createdWorkDir;
        this.log = log;
    }

    /**
     * Unpacks {@code archive} below {@code workDir} and checks it against {@code metadataFile}.
     *
     * @param name the artifact as the user named it, for messages
     * @param kinds the metadata kinds the goal installs ({@code linux-kernel}; {@code xen}, {@code dom0})
     * @param goal the goal, for messages ({@code xen:install})
     */
    public static PublishedArchive unpack(Path archive, Path metadataFile, String name, Set<String> kinds, String goal,
            Path workDir, BuildLog log) throws BuildException {
        DistMetadata metadata = DistMetadata.read(metadataFile);
        String kind = metadata.kind() == null ? "unknown" : metadata.kind();
        if (!kinds.contains(kind)) {
            throw new BuildException(name + " is a " + kind + " archive (the kind in its metadata " + metadataFile
                    + "), and " + goal + " installs " + String.join(" or ", kinds.stream().sorted().toList())
                    + " archives. Nothing was installed.", kind.equals("linux-kernel")
                            ? "install it with kernel:install -Dkernel.artifact=" + name
                            : kind.equals("xen") || kind.equals("dom0") ? "install it with xen:install -Dxen.artifact="
                                    + name : "check the classifier: dom0-build attaches kernel, xen and dom0 archives");
        }
        Path tmp;
        // a run without a project unpacks into ./target: made here, and removed again when left empty
        Path createdWorkDir = Files.exists(workDir) ? null : workDir;
        try {
            tmp = FileTrees.siblingTempPath(workDir.resolve("published-archive"), "unpack");
        } catch (IOException e) {
            throw new BuildException("Cannot make a directory to unpack " + name + " in " + workDir + ": "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
        PublishedArchive unpacked = new PublishedArchive(tmp, kind, createdWorkDir, log);
        try {
            new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extractRootFileSystem(archive, tmp);
            List<String> differences = ContentsCheck.differences(tmp, metadata);
            if (!differences.isEmpty()) {
                int shown = Math.min(differences.size(), 20);
                throw new BuildException(name + " (" + archive + ") is not what its metadata " + metadataFile
                        + " lists:\n    " + String.join("\n    ", differences.subList(0, shown))
                        + (shown < differences.size() ? "\n    … and " + (differences.size() - shown) + " more" : "")
                        + "\n  Nothing was installed.", "resolve it again from the repository CI deployed it to (delete"
                                + " its directory in the local repository first); if it still differs, the"
                                + " repository's copy was changed after CI built it: rebuild and deploy it");
            }
            log.info("Verified " + name + ": every file matches the sha256 in its metadata");
            archiveDigest(archive, metadata, name, log);
            if (kind.equals("dom0")) {
                BUNDLE_ROOTS_OWN.forEach((own, why) -> {
                    if (Files.exists(tmp.resolve(own), LinkOption.NOFOLLOW_LINKS)) {
                        log.info("Leaving out /" + own + ", the bundle root's own: " + why);
                    }
                });
            }
            return unpacked;
        } catch (BuildException | RuntimeException e) {
            unpacked.close();
            throw e;
        }
    }

    /** The archive's own digest is compared too; when only it differs, the archive was packed again. */
    private static void archiveDigest(Path archive, DistMetadata metadata, String name, BuildLog log)
            throws BuildException {
        String expected = metadata.archive() == null ? null : metadata.archive().sha256();
        try {
            String actual = Sha256.of(archive);
            if (!actual.equals(expected)) {
                log.warn(name + ": the archive's sha256 is " + actual + ", its metadata says " + expected + "; every"
                        + " file in it matches the metadata, so it was packed again after CI built it");
            }
        } catch (IOException e) {
            throw new BuildException("Cannot read " + archive + ": " + e.getMessage(), "resolve it again", e);
        }
    }

    /** The unpacked, verified tree. */
    public Path tree() {
        return tree;
    }

    /** The kind in the metadata: {@code linux-kernel}, {@code xen} or {@code dom0}. */
    public String kind() {
        return kind;
    }

    /** What of the tree goes onto the machine: all of it, but a dom0 bundle's root keeps its grub and records. */
    public Predicate<TreeEntry> include() {
        return kind.equals("dom0") ? e -> !isBundleRootsOwn(e) : e -> true;
    }

    private static boolean isBundleRootsOwn(TreeEntry e) {
        return BUNDLE_ROOTS_OWN.keySet().stream().anyMatch(p -> e.path().equals(p) || e.path().startsWith(p + "/"));
    }

    /** Removes the unpacked tree (and the directory it was made in, when it was made for it and is empty). */
    @Override
    public void close() {
        try {
            FileTrees.deleteRecursively(tree);
            if (createdWorkDir != null && FileTrees.isMissingOrEmpty(createdWorkDir)) {
                Files.deleteIfExists(createdWorkDir);
            }
        } catch (IOException e) {
            log.warn("Could not remove " + tree + ": " + e.getMessage() + "; delete it by hand");
        }
    }
}
