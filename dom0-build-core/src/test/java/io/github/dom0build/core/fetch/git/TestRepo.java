package io.github.dom0build.core.fetch.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A small real repository made with JGit, the upstream that fetch tests clone from. */
final class TestRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Upstream", "upstream@example.org",
            java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);

    final Path dir;
    final Git git;

    TestRepo(Path dir) throws GitAPIException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    RevCommit commit(String file, String content) throws IOException, GitAPIException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        git.add().addFilepattern(file).call();
        return git.commit().setMessage("change " + file).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    void tag(String name) throws GitAPIException {
        git.tag().setName(name).setAnnotated(true).setMessage("release " + name).setTagger(AUTHOR).call();
    }

    void branch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
    }

    void checkout(String name) throws GitAPIException {
        git.checkout().setName(name).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
