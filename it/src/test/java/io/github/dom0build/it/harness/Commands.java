package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tool a test needs for its inputs (apt-get, dpkg-deb, openssl), run to completion. */
public final class Commands {
    private Commands() {
    }

    /** Runs {@code argv} in {@code dir}; its output, or an IOException quoting it when it fails or overruns. */
    public static String run(Path dir, Duration timeout, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(argv)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed:\n" + out);
        }
        return out;
    }
}
