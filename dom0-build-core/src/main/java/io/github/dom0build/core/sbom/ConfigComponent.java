package io.github.dom0build.core.sbom;

import java.util.List;
import java.util.LinkedHashMap;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.metadata.BuildConfig;
import java.util.Map;
import org.cyclonedx.model.Component;

/**
 * The configuration a dist was built with, as one file component: the kernel's {@code .config} (as
 * shipped in {@code boot/config-<release>}, with its hash) or Xen's hypervisor config, and as
 * properties what decided it: the Kconfig base, every audited option with the value the audit checked
 * in the final config, any option Kconfig dropped, and Xen's configure arguments.
 */
final class ConfigComponent {
    private ConfigComponent() {
    }

    /** {@code fileHashes}: path to sha256 of the dist's files, where the shipped config's hash is read. */
    static Component of(String prefix, DistMetadata metadata, Map<String, String> fileHashes) {
        BuildConfig config = metadata.config();
        String file = config.file();
        if (file == null && DistMetadata.XEN.equals(metadata.kind())) {
            file = "boot/xen-" + metadata.version() + ".config";
        }
        Component c = SbomComponents.of(Component.Type.FILE, prefix + ":config",
                file != null && fileHashes.containsKey(file) ? file : "configuration", null);
        SbomComponents.sha256(c, fileHashes.get(file));
        c.addProperty(SbomComponents.property("role", "configuration"));
        kconfig(c, "kconfig", config.digest(), config.audit(), config.inputs());
        kconfig(c, "xen:kconfig", config.hypervisorConfigDigest(), config.hypervisorAudit(), null);
        if (config.configure() != null) {
            c.addProperty(SbomComponents.property("xen:configure", String.join(" ", config.configure())));
            Map<String, String> recorded = new LinkedHashMap<>();
            recorded.put("xenstored", config.xenstored());
            recorded.put("systemd", config.systemd() == null ? null : config.systemd().toString());
            recorded.put("sysconfigDir", config.sysconfigDir());
            recorded.forEach((key, value) -> {
                if (value != null) {
                    c.addProperty(SbomComponents.property("xen:" + key, value));
                }
            });
        }
        return c;
    }

    private static void kconfig(Component c, String ns, String digest, BuildConfig.Audit audit,
            BuildConfig.KconfigInputs in) {
        if (digest == null && audit == null) {
            return;
        }
        if (digest != null) {
            c.addProperty(SbomComponents.property(ns + ":digest", digest));
        }
        List<BuildConfig.Mismatch> mismatches = audit == null || audit.mismatches() == null ? List.of()
                : audit.mismatches();
        if (audit != null) {
            c.addProperty(SbomComponents.property(ns + ":audit", audit.clean()
                    ? "clean: all " + audit.requested() + " requested options hold"
                    : "FAILED: " + mismatches.size() + " of " + audit.requested() + " requested options dropped"));
        }
        if (in != null) {
            if (in.base() != null) {
                c.addProperty(SbomComponents.property(ns + ":base", in.base()));
            }
            // What was done to a distribution's base: merge targets, module list, fixups, debug info.
            BuildConfig.BaseAdjustment b = in.baseAdjustment();
            if (b != null) {
                Map<String, String> done = new LinkedHashMap<>();
                done.put("mergeTargets", b.mergeTargets() == null ? null : list(b.mergeTargets()));
                done.put("localModules", b.localModules());
                done.put("moduleSigningKey", b.moduleSigningKey());
                done.put("keepDistributionSettings", b.keepDistributionSettings() == null ? null
                        : list(b.keepDistributionSettings()));
                done.put("debugInfo", b.debugInfo());
                done.forEach((key, value) -> {
                    if (value != null) {
                        c.addProperty(SbomComponents.property(ns + ":base:" + key, value));
                    }
                });
            }
            // Requested and audited: in a clean audit each holds this value in the shipped config.
            PartComponents.orEmpty(in.request()).forEach((k, v) -> c.addProperty(SbomComponents.property(
                    ns + ":CONFIG_" + k, v)));
        }
        for (BuildConfig.Mismatch m : mismatches) {
            c.addProperty(SbomComponents.property(ns + ":dropped:" + m.option(), "requested " + m.requested()
                    + ", got " + m.actual()));
        }
    }

    /** A list as the properties showed it before: JSON array text. */
    private static String list(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
