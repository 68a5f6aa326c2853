package io.github.dom0build.core.repro;

import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first line of {@code --version} of each build tool, for the metadata: two artifacts built from
 * the same sources can still differ by compiler, and this is where a reader looks first.
 */
public final class ToolVersions {
    private ToolVersions() {
    }

    public static Map<String, String> probe(ProcessRunner runner, List<String> tools) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tool : tools) {
            String v;
            try {
                String out = runner.capture(Command.of(tool, "--version").quiet().build());
                v = out.lines().findFirst().orElse("").strip();
            } catch (CommandFailedException e) {
                v = "unavailable";
            }
            versions.put(tool, v);
        }
        return versions;
    }
}
