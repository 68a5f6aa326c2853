package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared libraries a program of another architecture needs, without running it: {@code ldd} runs the
 * program's own dynamic loader, which an x86 machine cannot run for arm64. The ELF dynamic section's
 * {@code NEEDED} entries and the program interpreter ({@code readelf -d -l}, binutils reads every
 * architecture) are followed from library to library, each looked up in the dom0 root first and then in
 * this machine's multiarch directories, where the {@code -dev:arm64} packages the cross build linked
 * against put the runtime libraries.
 */
final class ForeignLibraries {
    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]");
    private static final Pattern INTERPRETER = Pattern.compile("\\[Requesting program interpreter: ([^\\]]+)\\]");

    private final ProcessRunner runner;
    private final Architecture arch;
    private final Path host;

    ForeignLibraries(ProcessRunner runner, Architecture arch, Path host) {
        this.runner = runner;
        this.arch = arch;
        this.host = host;
    }

    /** Each library as its path in the initramfs, mapped to the file that holds it. */
    Map<String, Path> of(Path root, List<String> rootLibDirs, Path program) throws BuildException {
        Map<String, Path> found = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(program));
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            String out = runner.capture(Command.of("readelf", "-d", "-l", "-W", file.toString()).quiet().build());
            Matcher interp = INTERPRETER.matcher(out);
            if (interp.find() && seen.add(interp.group(1))) {
                String in = interp.group(1);
                Path p = host.resolve(in.substring(1));
                if (!Files.exists(p)) {
                    throw missing(program, in);
                }
                found.put(in.substring(1), p);
            }
            Matcher m = NEEDED.matcher(out);
            while (m.find()) {
                String name = m.group(1);
                if (!seen.add(name)) {
                    continue;
                }
                Path lib = lookup(root, rootLibDirs, name);
                if (lib == null) {
                    throw missing(program, name);
                }
                found.put(lib.startsWith(root) ? root.relativize(lib).toString() : host.relativize(lib).toString(), lib);
                todo.push(lib);
            }
        }
        return found;
    }

    private Path lookup(Path root, List<String> rootLibDirs, String name) {
        List<Path> dirs = new ArrayList<>();
        rootLibDirs.forEach(d -> dirs.add(root.resolve(d)));
        dirs.add(root.resolve(arch.multiarchLibDir()));
        dirs.add(host.resolve(arch.multiarchLibDir()));
        dirs.add(host.resolve("lib/" + arch.gnuTriplet()));
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private BuildException missing(Path program, String lib) {
        return new BuildException(program.getFileName() + " (" + arch + ") needs " + lib + ", which is neither in the"
                + " dom0 root nor in this machine's " + arch + " libraries (/" + arch.multiarchLibDir() + ").",
                "install the " + arch + " runtime libraries the tools were built against: dpkg --add-architecture "
                        + arch.debianArch() + ", then the -dev:" + arch.debianArch() + " packages .ci/install-deps"
                        + " lists");
    }
}
