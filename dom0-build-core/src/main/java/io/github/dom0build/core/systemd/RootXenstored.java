package io.github.dom0build.core.systemd;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.TargetRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The xenstore daemon a root starts, read the way Xen's {@code launch-xenstore} decides it: XENSTORED in
 * xencommons when set, else the default configure wrote into launch-xenstore ({@code --with-xenstored}),
 * else, in a root without Xen's scripts, the only daemon it has.
 * Goals that only use the root (the boot test) read it here instead of being told, so they cannot
 * disagree with what the root was built and set up for.
 */
public final class RootXenstored {
    private static final String XEN_SCRIPT_DIR_LAUNCHER = "/etc/xen/scripts/launch-xenstore";
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*XENSTORED=[\"']?([^\"'\\s#]*)[\"']?\\s*(#.*)?");

    private RootXenstored() {
    }

    public static XenstoredChoice of(TargetRoot root) throws BuildException {
        Optional<String> chosen = Optional.empty();
        Optional<Path> xencommons = Xencommons.locate(root);
        if (xencommons.isPresent()) {
            chosen = firstAssignment(xencommons.get());
        }
        if (chosen.isEmpty()) {
            chosen = configured(root);
        }
        if (chosen.isPresent()) {
            return XenstoredChoice.parse(Path.of(chosen.get()).getFileName().toString());
        }
        // A root put together by hand, without Xen's scripts: the one daemon it has is the one it can start.
        List<XenstoredChoice> installed = new ArrayList<>();
        for (XenstoredChoice c : XenstoredChoice.values()) {
            if (XenstoredSelection.installedDaemon(root, c).isPresent()) {
                installed.add(c);
            }
        }
        if (installed.size() == 1) {
            return installed.get(0);
        }
        throw new BuildException("Cannot tell which xenstore daemon " + root.describe() + " starts: no XENSTORED in"
                + " its xencommons, no launch-xenstore (" + String.join(", ", launchXenstore(root)) + "), and "
                + (installed.isEmpty() ? "no daemon in its sbin." : "both daemons in its sbin."),
                installed.isEmpty() ? "install Xen into this root first (xen:install or assemble)"
                        : "say which: XENSTORED=/usr/sbin/oxenstored (or /usr/sbin/xenstored) in the root's"
                                + " etc/default/xencommons, which systemd-enable's xencommonsXenstored writes where"
                                + " Xen installed the file");
    }

    /** The default configure wrote into the root's launch-xenstore. */
    static Optional<String> configured(TargetRoot root) throws BuildException {
        for (String script : launchXenstore(root)) {
            Path file;
            try {
                file = root.resolveFollowing(script.substring(1));
            } catch (IOException e) {
                throw new BuildException("Cannot look for " + script + " in " + root.describe() + ": " + e.getMessage(),
                        "replace that symbolic link in the root by a directory", e);
            }
            if (Files.isRegularFile(file)) {
                return firstAssignment(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the root's launch-xenstore may be: what its xenstored.service starts, then Xen's default
     * {@code XEN_SCRIPT_DIR} (where {@code make install} puts it unless configure moved the scripts).
     */
    private static List<String> launchXenstore(TargetRoot root) throws BuildException {
        List<String> candidates = new ArrayList<>();
        try {
            Optional<UnitFile> unit = UnitFile.find(root.path(), "xenstored.service");
            String program = unit.map(UnitFile::execStartProgram).orElse(null);
            if (program != null && program.startsWith("/") && program.endsWith("/launch-xenstore")) {
                candidates.add(program);
            }
        } catch (IOException e) {
            throw new BuildException("Cannot read xenstored.service in " + root.describe() + ": " + e.getMessage(),
                    "check the Xen installation in this root", e);
        }
        if (!candidates.contains(XEN_SCRIPT_DIR_LAUNCHER)) {
            candidates.add(XEN_SCRIPT_DIR_LAUNCHER);
        }
        return candidates;
    }

    private static Optional<String> firstAssignment(Path file) throws BuildException {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = ASSIGNMENT.matcher(line);
                if (m.matches() && !m.group(1).isEmpty()) {
                    return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new BuildException("Cannot read " + file + ": " + e.getMessage(), "check its permissions", e);
        }
    }
}
