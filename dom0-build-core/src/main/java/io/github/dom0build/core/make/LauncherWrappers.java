package io.github.dom0build.core.make;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a compiler launcher in front of the compilers through PATH: a directory of tiny scripts named
 * like the compilers ({@code gcc}, {@code cc}, {@code x86_64-linux-gnu-gcc}, ...), each running
 * {@code <launcher> <real compiler> "$@"}, put first on make's PATH. This is what ccache's own
 * masquerade directory does, for any launcher. It leaves {@code CC} alone: Xen's tools build passes
 * {@code CC=$(CC)} unquoted to sub-makes, so {@code CC="ccache gcc"} breaks it (the second word
 * becomes a make target); kbuild would cope, but one mechanism for both trees is simpler to trust.
 */
public final class LauncherWrappers {
    private LauncherWrappers() {
    }

    /**
     * Writes the wrappers into {@code dir} (recreated) and returns the environment that activates them,
     * or an empty map for no launcher.
     */
    public static Map<String, String> install(CompilerLauncher launcher, Path dir, List<String> compilers,
            String path, DeletionRule rule) throws BuildException {
        if (launcher.isNone()) {
            return Map.of();
        }
        List<String> searchPath = new ArrayList<>();
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!d.isEmpty() && !Path.of(d).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                searchPath.add(d);
            }
        }
        Path launcherPath = which(launcher.program(), searchPath);
        if (launcherPath == null) {
            throw new BuildException("The compiler launcher " + launcher.program() + " is not installed (not on the"
                    + " PATH).", "install it (Debian/Ubuntu: apt-get install " + launcher.name() + ") or set"
                            + " compilerLauncher=none");
        }
        try {
            rule.recreate(dir, "the launcher wrapper directory");
            int written = 0;
            for (String compiler : compilers) {
                Path real = which(compiler, searchPath);
                if (real == null) {
                    continue; // a cross compiler that is not installed fails later, with make's own message
                }
                Path script = dir.resolve(compiler);
                Files.writeString(script, "#!/bin/sh\n# dom0-build: " + launcher.name() + " in front of " + compiler
                        + "\nexec " + quote(launcherPath.toString()) + " " + quote(real.toString()) + " \"$@\"\n",
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                written++;
            }
            if (written == 0) {
                throw new BuildException("None of the compilers " + compilers + " is on the PATH.",
                        "install gcc (Debian/Ubuntu: apt-get install gcc)");
            }
        } catch (IOException e) {
            throw new BuildException("Cannot write the compiler launcher wrappers in " + dir + ": " + e.getMessage(),
                    "check that the target directory is writable", e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", dir.toAbsolutePath() + File.pathSeparator + String.join(File.pathSeparator, searchPath));
        return env;
    }

    private static Path which(String program, List<String> searchPath) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        for (String d : searchPath) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
