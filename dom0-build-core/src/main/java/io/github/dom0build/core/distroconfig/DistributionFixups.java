package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.KernelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites the settings of a distribution's config that make a build from upstream sources fail,
 * differ on every run, or grow many times over; each change is reported, and {@code kept} fixups are
 * left alone. Works on the .config's lines only, so it does not depend on one release's Kconfig files:
 * a symbol the tree does not know is dropped by olddefconfig, and {@link #verify} checks the outcome.
 */
public final class DistributionFixups {
    /** The name the user's signing key gets in the build tree, where certs/Makefile finds it. */
    public static final String SIGNING_KEY = "certs/dom0-build-signing-key.pem";

    /** One changed option, and why. */
    public record Change(String fixup, String option, String from, String to, String why) {
        public String describe() {
            return "CONFIG_" + option + " " + from + " -> " + to + " (" + why + ")";
        }
    }

    /** The adjusted configuration and what changed. */
    public record Adjusted(KernelConfig config, List<Change> changes) {
    }

    private final Set<Fixup> kept;
    private final DebugInfo debugInfo;
    private final boolean userSigningKey;

    /** @param userSigningKey whether the user gave a module signing key (copied to {@link #SIGNING_KEY}) */
    public DistributionFixups(Set<Fixup> kept, DebugInfo debugInfo, boolean userSigningKey) {
        this.kept = Set.copyOf(kept);
        this.debugInfo = debugInfo;
        this.userSigningKey = userSigningKey;
    }

    /** @param trees where a relative key path may lie: the build tree (O=) and the source tree */
    public Adjusted apply(KernelConfig base, List<Path> trees) {
        Map<String, String> set = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (Fixup f : List.of(Fixup.TRUSTED_KEYS, Fixup.REVOCATION_KEYS)) {
            if (kept.contains(f)) {
                continue;
            }
            String option = f == Fixup.TRUSTED_KEYS ? "SYSTEM_TRUSTED_KEYS" : "SYSTEM_REVOCATION_KEYS";
            Optional<String> value = base.string(option);
            if (value.isEmpty() || value.get().isBlank() || value.get().startsWith("pkcs11:")) {
                continue;
            }
            List<String> present = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String file : value.get().trim().split("\\s+")) {
                (exists(file, trees) ? present : missing).add(file);
            }
            if (!missing.isEmpty()) {
                String to = quote(String.join(" ", present));
                set.put(option, to);
                changes.add(new Change(f.id(), option, base.value(option), to, "the tree has no " + String.join(", ",
                        missing) + ": a file of the distribution's packaging, and make stops with 'No rule to make"
                        + " target'"));
            }
        }
        if (userSigningKey) {
            String key = quote(SIGNING_KEY);
            for (Map.Entry<String, String> e : Map.of("MODULE_SIG", "y", "MODULE_SIG_ALL", "y", "MODULE_SIG_KEY", key)
                    .entrySet()) {
                if (!e.getValue().equals(base.value(e.getKey()))) {
                    set.put(e.getKey(), e.getValue());
                    changes.add(new Change(Fixup.MODULE_SIGNING.id(), e.getKey(), base.value(e.getKey()), e.getValue(),
                            "modules signed with moduleSigningKey: the same key signs the same bytes every build"));
                }
            }
        } else if (!kept.contains(Fixup.MODULE_SIGNING) && "y".equals(base.value("MODULE_SIG"))) {
            // MODULE_SIG may be selected (by SECURITY_LOCKDOWN_LSM since 5.4) and stay on; an empty key then
            // builds no certificate in, instead of the distribution's missing key or a random ephemeral one.
            for (String o : List.of("MODULE_SIG", "MODULE_SIG_ALL", "MODULE_SIG_KEY")) {
                String to = o.equals("MODULE_SIG_KEY") ? "\"\"" : "n";
                if (base.mentions(o) && !to.equals(base.value(o))) {
                    set.put(o, to);
                    changes.add(new Change(Fixup.MODULE_SIGNING.id(), o, base.value(o), to, "signing with the"
                            + " distribution's key is impossible here and an ephemeral key makes every build differ;"
                            + " set moduleSigningKey to sign with your own key"));
                }
            }
        }
        if (!kept.contains(Fixup.BUILD_SALT) && base.string("BUILD_SALT").filter(s -> !s.isEmpty()).isPresent()) {
            set.put("BUILD_SALT", "\"\"");
            changes.add(new Change(Fixup.BUILD_SALT.id(), "BUILD_SALT", base.value("BUILD_SALT"), "\"\"",
                    "the salt marks the distribution's own builds"));
        }
        if ("y".equals(base.value("DEBUG_INFO")) && debugInfo == DebugInfo.NONE) {
            String why = "debugInfo=none: full debug information makes the build several times slower and the"
                    + " archive many times larger";
            set.put("DEBUG_INFO", "n");
            changes.add(new Change("debug-info", "DEBUG_INFO", "y", "n", why));
            // Since 5.18 DEBUG_INFO is selected by a choice; pick its "none" member and unset the others.
            base.assignments().forEach((name, value) -> {
                if (name.startsWith("DEBUG_INFO_DWARF") && "y".equals(value)) {
                    set.put(name, "n");
                }
            });
            set.put("DEBUG_INFO_NONE", "y");
        } else if ("y".equals(base.value("DEBUG_INFO")) && debugInfo == DebugInfo.REDUCED
                && !"y".equals(base.value("DEBUG_INFO_REDUCED"))) {
            set.put("DEBUG_INFO_REDUCED", "y");
            changes.add(new Change("debug-info", "DEBUG_INFO_REDUCED", base.value("DEBUG_INFO_REDUCED"), "y",
                    "debugInfo=reduced: line numbers and backtraces, no type information (and so no BTF)"));
        }
        return new Adjusted(set.isEmpty() ? base : base.with(set), List.copyOf(changes));
    }

    /** Problems with the final configuration: a fixup olddefconfig undid, or a kept key that is missing. */
    public List<String> verify(KernelConfig result, List<Path> trees) {
        List<String> problems = new ArrayList<>();
        if (debugInfo == DebugInfo.NONE && "y".equals(result.value("DEBUG_INFO"))) {
            problems.add("debugInfo=none, but CONFIG_DEBUG_INFO=y after olddefconfig: an option requested on top"
                    + " selects it");
        }
        if (debugInfo == DebugInfo.REDUCED && "y".equals(result.value("DEBUG_INFO"))
                && !"y".equals(result.value("DEBUG_INFO_REDUCED"))) {
            problems.add("debugInfo=reduced, but CONFIG_DEBUG_INFO_REDUCED is " + result.value("DEBUG_INFO_REDUCED")
                    + " after olddefconfig (DEBUG_INFO_SPLIT or an option on top rules it out)");
        }
        if (userSigningKey && !"y".equals(result.value("MODULE_SIG"))) {
            problems.add("moduleSigningKey is set, but CONFIG_MODULE_SIG is " + result.value("MODULE_SIG")
                    + " after olddefconfig (CONFIG_MODULES off?)");
        } else if (!userSigningKey && !kept.contains(Fixup.MODULE_SIGNING) && "y".equals(result.value("MODULE_SIG"))
                && (!"\"\"".equals(result.value("MODULE_SIG_KEY")) || "y".equals(result.value("MODULE_SIG_ALL")))) {
            problems.add("module signing was turned off, but after olddefconfig CONFIG_MODULE_SIG_ALL is "
                    + result.value("MODULE_SIG_ALL") + " and CONFIG_MODULE_SIG_KEY " + result.value("MODULE_SIG_KEY")
                    + ": an option requested on top sets them");
        }
        if ("y".equals(result.value("MODULE_SIG"))) {
            Optional<String> key = result.string("MODULE_SIG_KEY");
            boolean notAFile = key.isEmpty() || key.get().isEmpty() || key.get().equals("certs/signing_key.pem")
                    || key.get().startsWith("pkcs11:");
            if (!notAFile && !exists(key.get(), trees)) {
                problems.add("CONFIG_MODULE_SIG_KEY is \"" + key.get() + "\", which this tree does not have: the"
                        + " distribution signs with a key only its build machines hold");
            }
        }
        return problems;
    }

    /** Module signing that stays on without a key: modules load unsigned, which taints the kernel. */
    public boolean signingSelectedWithoutKey(KernelConfig result) {
        return !userSigningKey && !kept.contains(Fixup.MODULE_SIGNING) && "y".equals(result.value("MODULE_SIG"))
                && "\"\"".equals(result.value("MODULE_SIG_KEY"));
    }

    private static boolean exists(String file, List<Path> trees) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return Files.isRegularFile(p);
        }
        return trees.stream().anyMatch(t -> Files.isRegularFile(t.resolve(p)));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
