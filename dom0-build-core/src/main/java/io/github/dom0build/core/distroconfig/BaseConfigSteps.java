package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.kconfig.BaseAdjustment;
import io.github.dom0build.core.kconfig.KconfigTarget;
import io.github.dom0build.core.kconfig.KernelConfig;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.BuildConfig;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's base after the base file or target, in the recipe's order: upstream's merge targets
 * ({@code make xen.config}), trimming to a machine's modules ({@code make LSMOD=<file> localmodconfig}),
 * then the distribution fixups. The requested options go on top of the result.
 */
public final class BaseConfigSteps implements BaseAdjustment {
    private final List<String> mergeTargets;
    private final Path localModules;
    private final Path signingKey;
    private final Set<Fixup> kept;
    private final DebugInfo debugInfo;
    private final ProcessRunner runner;
    private final BuildLog log;

    /**
     * @param localModules an {@code lsmod} output file, or null
     * @param signingKey a PEM file with the private key and its X.509 certificate, or null
     */
    public BaseConfigSteps(List<String> mergeTargets, Path localModules, Path signingKey, Set<Fixup> kept,
            DebugInfo debugInfo, ProcessRunner runner, BuildLog log) throws BuildException {
        for (String t : mergeTargets) {
            if (!t.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*\\.config")) {
                throw new BuildException("mergeTargets has '" + Printable.escape(t) + "', which is not a config"
                        + " fragment target.", "name upstream's fragment targets as make knows them, such as"
                                + " xen.config or kvm_guest.config (make help lists them)");
            }
        }
        for (Path p : new Path[] {localModules, signingKey}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new BuildException((p == localModules ? "localModules " : "moduleSigningKey ") + p
                        + " does not exist.", p == localModules ? "save the target machine's module list with lsmod >"
                                + " FILE and point localModules at FILE" : "point moduleSigningKey at a PEM file"
                                        + " holding the private key and its X.509 certificate");
            }
        }
        this.mergeTargets = List.copyOf(mergeTargets);
        this.localModules = localModules;
        this.signingKey = signingKey;
        this.kept = Set.copyOf(kept);
        this.debugInfo = debugInfo;
        this.runner = runner;
        this.log = log;
    }

    @Override
    public BuildConfig.BaseAdjustment identity() throws IOException {
        return new BuildConfig.BaseAdjustment(List.copyOf(mergeTargets),
                localModules == null ? null : Sha256.of(localModules),
                signingKey == null ? null : Sha256.of(signingKey),
                kept.stream().map(Fixup::id).sorted().toList(), debugInfo.parameterValue());
    }

    @Override
    public void apply(KconfigTarget target) throws BuildException, IOException {
        for (String t : mergeTargets) {
            log.info("Merging upstream's " + t + " into the base (make " + t + ")");
            runner.run(target.make(t));
        }
        if (localModules != null) {
            log.info("Trimming the base to the modules in " + localModules + " (make localmodconfig)");
            runner.run(target.make("localmodconfig", Map.of("LSMOD", localModules.toAbsolutePath().toString())));
        }
        if (signingKey != null) {
            Path copy = target.dotConfig().resolveSibling(DistributionFixups.SIGNING_KEY);
            Files.createDirectories(copy.getParent());
            FileTrees.writeAtomically(copy, Files.readAllBytes(signingKey));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------")); // a private key
        }
        KernelConfig base = KernelConfig.read(target.dotConfig());
        DistributionFixups.Adjusted adjusted = fixups().apply(base, trees(target));
        for (DistributionFixups.Change c : adjusted.changes()) {
            log.info("Config fixup " + c.fixup() + ": " + c.describe() + (c.fixup().equals("debug-info") ? ""
                    : "; keepDistributionSettings=" + c.fixup() + " keeps the base's value"));
        }
        String localVersion = base.string("LOCALVERSION").orElse("");
        if (!localVersion.isEmpty()) {
            log.info("The base sets CONFIG_LOCALVERSION=\"" + localVersion + "\": the kernel release ends in it");
        }
        if (!adjusted.changes().isEmpty()) {
            adjusted.config().write(target.dotConfig());
        }
    }

    @Override
    public void verify(KconfigTarget target, KernelConfig result) throws BuildException {
        DistributionFixups fixups = fixups();
        if (fixups.signingSelectedWithoutKey(result)) {
            log.info("CONFIG_MODULE_SIG stays y (selected, by SECURITY_LOCKDOWN_LSM for one) with no key built in:"
                    + " modules load unsigned and taint the kernel, unless lockdown demands signatures; set"
                    + " moduleSigningKey to sign them");
        }
        List<String> problems = fixups.verify(result, trees(target));
        if (!problems.isEmpty()) {
            throw new BuildException("The distribution fixups did not hold:\n    " + String.join("\n    ", problems),
                    "drop the requested option that undoes them, or keep the distribution's setting with"
                            + " keepDistributionSettings (module-signing, trusted-keys, revocation-keys, build-salt)"
                            + " or debugInfo=keep");
        }
    }

    private DistributionFixups fixups() {
        return new DistributionFixups(kept, debugInfo, signingKey != null);
    }

    /** Where a relative key path may lie: the build tree (O=), then the source tree. */
    private static List<Path> trees(KconfigTarget target) {
        return List.of(target.dotConfig().getParent(), target.sourceTree());
    }
}
