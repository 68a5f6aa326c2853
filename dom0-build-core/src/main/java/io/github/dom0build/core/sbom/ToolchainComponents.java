package io.github.dom0build.core.sbom;

import io.github.dom0build.core.metadata.DistMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;

/**
 * The build tools the metadata names ({@code tools}: the first line of each one's {@code --version};
 * {@code toolPackages}: the distribution package it came from), as application components outside
 * the artifact (scope excluded): the version is the last dotted number of the version line, and the
 * purl is the package's when dpkg knew it.
 */
final class ToolchainComponents {
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)+");
    // What the tool is part of, for a reader who looks for "binutils" rather than "ld".
    private static final Map<String, String> PROJECT = Map.of("ld", "binutils", "ocamlopt", "ocaml",
            "ocamlfind", "ocaml-findlib");

    private ToolchainComponents() {
    }

    static List<Component> of(String prefix, Map<String, String> tools,
            Map<String, DistMetadata.ToolPackage> packages) {
        List<Component> out = new ArrayList<>();
        for (Map.Entry<String, String> e : tools.entrySet()) {
            String tool = e.getKey();
            String line = e.getValue() == null ? "" : e.getValue();
            if (line.isEmpty() || line.equals("unavailable")) {
                continue; // probed but not there: not a tool this build used
            }
            Component c = SbomComponents.of(Component.Type.APPLICATION, prefix + ":tool:" + tool, tool,
                    lastVersion(line));
            c.setScope(Component.Scope.EXCLUDED);
            c.addProperty(SbomComponents.property("role", "toolchain"));
            c.addProperty(SbomComponents.property("tool:versionLine", line));
            if (PROJECT.containsKey(tool)) {
                c.addProperty(SbomComponents.property("tool:project", PROJECT.get(tool)));
            }
            DistMetadata.ToolPackage pkg = packages.get(tool);
            if (pkg != null && pkg.packageName() != null) {
                c.setPurl(Purls.deb(pkg.packageName(), pkg.version(), pkg.arch()));
            }
            out.add(c);
        }
        return out;
    }

    static String lastVersion(String line) {
        Matcher m = VERSION.matcher(line);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }
}
