package io.github.dom0build.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Small upstreams the ITs fetch from: git repositories made with JGit and archives made in memory. */
public final class Fixtures {
    public static final PersonIdent UPSTREAM = new PersonIdent("Upstream Dev", "dev@upstream.example",
            Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /** The fixture Linux and Xen trees (it/src/fixtures), which IT projects reach as ${fixtures}. */
    public static Path trees() {
        return Path.of(System.getProperty("it.fixtures", "src/fixtures")).toAbsolutePath();
    }

    /** A repository with one commit per map, each writing the given files; returns the commits. */
    @SafeVarargs
    public static List<RevCommit> gitRepo(Path dir, Map<String, String>... commits) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
            List<RevCommit> out = new java.util.ArrayList<>();
            int n = 0;
            for (Map<String, String> files : commits) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Path p = dir.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                    git.add().addFilepattern(f.getKey()).call();
                }
                out.add(git.commit().setMessage("upstream change " + (++n)).setAuthor(UPSTREAM).setCommitter(UPSTREAM)
                        .call());
            }
            return out;
        }
    }

    public static void tag(Path repo, String name) throws IOException, GitAPIException {
        try (Git git = Git.open(repo.toFile())) {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setTagger(UPSTREAM).call();
        }
    }

    /** A tar.gz whose entries are the map's paths; values are contents, or "->target" for a symlink. */
    public static byte[] tarGz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                if (e.getValue().startsWith("->")) {
                    TarArchiveEntry link = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(e.getValue().substring(2));
                    tar.putArchiveEntry(link);
                } else {
                    byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry f = new TarArchiveEntry(e.getKey());
                    f.setSize(data.length);
                    f.setMode(e.getKey().endsWith(".sh") ? 0755 : 0644);
                    tar.putArchiveEntry(f);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return m;
    }
}
