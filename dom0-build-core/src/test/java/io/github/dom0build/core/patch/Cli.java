package io.github.dom0build.core.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs git and GNU patch for the cross-checks: argument lists only, a clean environment, no shell. */
final class Cli {
    record Result(int exitCode, String out, String err) {
    }

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    /** {@code home} becomes HOME, so no user or system git configuration leaks into the tests. */
    Cli(Path home) {
        this.home = home;
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", home.resolve("gitconfig").toString());
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        identity("Test Committer", "committer@example.org", "1700000000 +0000");
    }

    /** The identity (both author and committer) and date of the next git commits. */
    Cli identity(String name, String email, String date) {
        env.put("GIT_AUTHOR_NAME", name);
        env.put("GIT_AUTHOR_EMAIL", email);
        env.put("GIT_AUTHOR_DATE", date);
        env.put("GIT_COMMITTER_NAME", name);
        env.put("GIT_COMMITTER_EMAIL", email);
        env.put("GIT_COMMITTER_DATE", date);
        return this;
    }

    /** Runs the command in {@code dir} and returns its output; fails the test on a non-zero exit. */
    String run(Path dir, String... command) throws IOException, InterruptedException {
        Result r = runAllowingFailure(dir, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.err()
                    + r.out());
        }
        return r.out();
    }

    Result runAllowingFailure(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().putAll(env);
        Path err = Files.createTempFile(home, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        String errText = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Result(code, out, errText);
    }

    /** git with the arguments, in {@code dir}. */
    String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }
}
