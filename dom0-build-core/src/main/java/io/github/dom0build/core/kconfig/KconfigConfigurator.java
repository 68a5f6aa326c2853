package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.BuildConfig;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Produces an audited .config: the base (a make target or a config file), then the requested options
 * merged in, then {@code make olddefconfig}, then the audit: every requested option must hold its
 * value in the final .config. Where upstream's {@code make xen.config} and {@code merge_config.sh}
 * drop an option silently, this fails and explains each one with its unmet dependencies. A rerun
 * with the same inputs, sources and .config does nothing.
 */
public final class KconfigConfigurator {
    /** The outcome: the final configuration and the audit. */
    public record Result(KernelConfig config, AuditResult audit, boolean ran) {
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public KconfigConfigurator(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    public Result configure(KconfigTarget target, ConfigBase base, ConfigRequest request, boolean failOnMismatch,
            String stampName) throws BuildException {
        return configure(target, base, BaseAdjustment.NONE, request, failOnMismatch, stampName);
    }

    /** As above, with {@code adjustment} applied to the base before the requested options. */
    public Result configure(KconfigTarget target, ConfigBase base, BaseAdjustment adjustment, ConfigRequest request,
            boolean failOnMismatch, String stampName) throws BuildException {
        try {
            StampStore stamps = StampStore.in(target.stampTree());
            BuildConfig.KconfigInputs identity = identity(target, base, request, adjustment.identity());
            Optional<KconfigStamp> previous = stamps.read(stampName, KconfigStamp.class);
            if (previous.isPresent() && identity.equals(previous.get().identity())
                    && Files.isRegularFile(target.dotConfig())) {
                KernelConfig current = KernelConfig.read(target.dotConfig());
                if (current.digest().equals(previous.get().configDigest())) {
                    log.info("Configuration up to date: " + target.dotConfig() + " was made from the same base,"
                            + " options and sources");
                    return new Result(current, ConfigAudit.audit(request, current, null), false);
                }
                log.warn(target.dotConfig() + " was changed after it was generated (menuconfig?); it is generated"
                        + " again from the base and the fragments. Put lasting changes in a fragment.");
            }
            stamps.delete(stampName);

            log.info("Configuring the " + target.name() + ": " + base.describe() + ", then " + request.size()
                    + " requested option(s), then olddefconfig");
            Files.createDirectories(target.dotConfig().getParent());
            if (base.makeTarget() != null) {
                runner.run(target.make(base.makeTarget()));
                if (!Files.isRegularFile(target.dotConfig())) {
                    throw new BuildException("make " + base.makeTarget() + " did not write " + target.dotConfig() + ".",
                            "check that " + base.makeTarget() + " is a config target of this tree");
                }
            } else {
                Files.copy(base.configFile(), target.dotConfig(), StandardCopyOption.REPLACE_EXISTING);
            }
            adjustment.apply(target);
            ConfigMerger.apply(target.dotConfig(), request);
            runner.run(target.make("olddefconfig"));

            KernelConfig result = KernelConfig.read(target.dotConfig());
            adjustment.verify(target, result);
            AuditResult audit = ConfigAudit.audit(request, result, null);
            if (!audit.isClean()) {
                KconfigIndex index = KconfigIndex.load(target.kconfigRoot(), target.kconfigVariables(), log);
                audit = ConfigAudit.audit(request, result, index);
            }
            if (audit.isClean()) {
                log.info("Config audit: " + audit.summary());
            } else if (failOnMismatch) {
                throw new BuildException("Config audit of " + target.dotConfig() + " failed: " + audit.report(),
                        "make the dependencies hold (add them to a fragment or pick another base), or drop the"
                                + " options that cannot hold here; failOnConfigMismatch=false builds anyway");
            } else {
                log.warn("Config audit of " + target.dotConfig() + " (failOnConfigMismatch=false, building anyway): "
                        + audit.report());
            }
            stamps.write(stampName, new KconfigStamp(identity, result.digest(), audit(audit)));
            return new Result(result, audit, true);
        } catch (IOException e) {
            throw new BuildException("Configuring the " + target.name() + " failed: " + e,
                    "check that " + target.dotConfig().getParent() + " is writable", e);
        }
    }

    /** The audit as the dist metadata records it. */
    static BuildConfig.Audit audit(AuditResult audit) {
        return new BuildConfig.Audit(audit.requestedCount(), audit.isClean(), audit.mismatches().stream()
                .map(m -> new BuildConfig.Mismatch("CONFIG_" + m.name(), m.requested(), m.actual(),
                        List.copyOf(m.explanation())))
                .toList());
    }

    private static BuildConfig.KconfigInputs identity(KconfigTarget target, ConfigBase base, ConfigRequest request,
            BuildConfig.BaseAdjustment adjustment) throws IOException {
        return new BuildConfig.KconfigInputs(base.makeTarget() != null ? "target:" + base.makeTarget()
                : "file:" + Sha256.of(base.configFile()), new LinkedHashMap<>(request.values()),
                new TreeMap<>(target.makeIdentity()),
                StampStore.in(target.sourceTree()).digestOf("fetch", "patches"), adjustment);
    }

    /** Forgets {@code target}'s last configuration, so the next {@link #configure} regenerates it. */
    public void forget(KconfigTarget target, String stampName) throws BuildException {
        try {
            StampStore.in(target.stampTree()).delete(stampName);
        } catch (IOException e) {
            throw new BuildException("Cannot remove the " + stampName + " record in " + target.stampTree() + ": " + e,
                    "check that the tree is writable", e);
        }
    }
}
