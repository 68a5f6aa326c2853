package io.github.dom0build.core.kconfig;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            JsonObject identity = identity(target, base, request);
            JsonObject adjusted = adjustment.identity();
            if (adjusted.size() > 0) {
                identity.add("baseAdjustment", adjusted);
            }
            Optional<JsonObject> previous = stamps.read(stampName);
            if (previous.isPresent() && identity.equals(previous.get().get("identity"))
                    && Files.isRegularFile(target.dotConfig())) {
                KernelConfig current = KernelConfig.read(target.dotConfig());
                if (current.digest().equals(previous.get().get("configDigest").getAsString())) {
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
            JsonObject stamp = new JsonObject();
            stamp.add("identity", identity);
            stamp.addProperty("configDigest", result.digest());
            stamp.add("audit", auditJson(audit));
            stamps.write(stampName, stamp);
            return new Result(result, audit, true);
        } catch (IOException e) {
            throw new BuildException("Configuring the " + target.name() + " failed: " + e,
                    "check that " + target.dotConfig().getParent() + " is writable", e);
        }
    }

    /** The audit as the dist metadata records it. */
    public static JsonObject auditJson(AuditResult audit) {
        JsonObject o = new JsonObject();
        o.addProperty("requested", audit.requestedCount());
        o.addProperty("clean", audit.isClean());
        JsonArray mismatches = new JsonArray();
        for (Mismatch m : audit.mismatches()) {
            JsonObject j = new JsonObject();
            j.addProperty("option", "CONFIG_" + m.name());
            j.addProperty("requested", m.requested());
            j.addProperty("actual", m.actual());
            JsonArray why = new JsonArray();
            m.explanation().forEach(why::add);
            j.add("explanation", why);
            mismatches.add(j);
        }
        o.add("mismatches", mismatches);
        return o;
    }

    private static JsonObject identity(KconfigTarget target, ConfigBase base, ConfigRequest request)
            throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("base", base.makeTarget() != null ? "target:" + base.makeTarget()
                : "file:" + Sha256.of(base.configFile()));
        JsonObject req = new JsonObject();
        request.values().forEach(req::addProperty);
        o.add("request", req);
        JsonObject make = new JsonObject();
        new TreeMap<>(target.makeIdentity()).forEach(make::addProperty);
        o.add("make", make);
        o.addProperty("sources", StampStore.in(target.sourceTree()).digestOf("fetch", "patches"));
        return o;
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
