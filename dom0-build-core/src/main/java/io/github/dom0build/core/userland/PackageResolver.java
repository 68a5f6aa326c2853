package io.github.dom0build.core.userland;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.apt.PrivateApt;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact packages and versions a request would install, asked of apt without installing anything:
 * {@code apt-get --simulate install} from an empty package database, of the same set mmdebstrap's
 * minbase variant takes (every Essential package, every Priority required package, apt) plus the
 * requested ones. Two requests that resolve to the same list make the same userland.
 */
final class PackageResolver {
    private static final Pattern INST = Pattern.compile("^Inst (\\S+) \\((\\S+) ");

    private final ProcessRunner runner;

    PackageResolver(ProcessRunner runner) {
        this.runner = runner;
    }

    /** {@code name=version} for every package, sorted. */
    List<String> resolve(PrivateApt apt, UserlandRequest r) throws BuildException {
        String scope = "?narrow(?or(?archive(^" + r.suite() + "$),?codename(^" + r.suite() + "$)),?architecture("
                + r.architecture() + "),";
        List<String> args = new ArrayList<>(List.of("--simulate", "--no-install-recommends", "install", "apt",
                scope + "?essential)", scope + "?priority(required))"));
        args.addAll(r.packages());
        String out;
        try {
            out = runner.capture(apt.command(args.toArray(String[]::new)).quiet().build());
        } catch (CommandFailedException e) {
            throw new BuildException("apt cannot resolve the packages of " + r.describe() + ":\n    "
                    + String.join("\n    ", e.tail()), "check userlandPackages and userlandSuite (apt-cache policy"
                            + " NAME shows what the sources offer) and the apt sources in " + apt.sourcesFile(), e);
        }
        TreeSet<String> resolved = new TreeSet<>();
        for (String line : out.split("\n")) {
            Matcher m = INST.matcher(line);
            if (m.find()) {
                String name = m.group(1);
                int colon = name.indexOf(':');
                resolved.add((colon > 0 ? name.substring(0, colon) : name) + "=" + m.group(2));
            }
        }
        if (resolved.isEmpty()) {
            throw new BuildException("apt resolved no packages for " + r.describe() + ":\n    " + out.strip(),
                    "check the suite and the package names (apt-cache policy NAME) and the apt sources");
        }
        return List.copyOf(resolved);
    }
}
