package io.github.dom0build.core.sbom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
    static Component of(String prefix, JsonObject metadata, Map<String, String> fileHashes) {
        JsonObject config = Json.object(metadata, "config");
        String file = Json.string(config, "file");
        if (file == null && "xen".equals(Json.string(metadata, "kind"))) {
            file = "boot/xen-" + Json.string(metadata, "version") + ".config";
        }
        Component c = SbomComponents.of(Component.Type.FILE, prefix + ":config",
                file != null && fileHashes.containsKey(file) ? file : "configuration", null);
        SbomComponents.sha256(c, fileHashes.get(file));
        c.addProperty(SbomComponents.property("role", "configuration"));
        kconfig(c, "kconfig", Json.string(config, "digest"), Json.object(config, "audit"), config.get("inputs"));
        kconfig(c, "xen:kconfig", Json.string(config, "hypervisorConfigDigest"), Json.object(config,
                "hypervisorAudit"), null);
        if (config.has("configure")) {
            StringBuilder args = new StringBuilder();
            Json.array(config, "configure").forEach(a -> args.append(args.length() == 0 ? "" : " ").append(
                    a.getAsString()));
            c.addProperty(SbomComponents.property("xen:configure", args.toString()));
            for (String key : new String[] {"xenstored", "systemd", "sysconfigDir"}) {
                if (Json.string(config, key) != null) {
                    c.addProperty(SbomComponents.property("xen:" + key, Json.string(config, key)));
                }
            }
        }
        return c;
    }

    private static void kconfig(Component c, String ns, String digest, JsonObject audit, JsonElement inputs) {
        if (digest == null && audit.size() == 0) {
            return;
        }
        if (digest != null) {
            c.addProperty(SbomComponents.property(ns + ":digest", digest));
        }
        if (audit.size() > 0) {
            c.addProperty(SbomComponents.property(ns + ":audit", Boolean.parseBoolean(Json.string(audit, "clean"))
                    ? "clean: all " + Json.string(audit, "requested") + " requested options hold"
                    : "FAILED: " + Json.array(audit, "mismatches").size() + " of " + Json.string(audit, "requested")
                            + " requested options dropped"));
        }
        if (inputs != null && inputs.isJsonObject()) {
            JsonObject in = inputs.getAsJsonObject();
            if (Json.string(in, "base") != null) {
                c.addProperty(SbomComponents.property(ns + ":base", Json.string(in, "base")));
            }
            // What was done to a distribution's base: merge targets, module list, fixups, debug info.
            Json.object(in, "baseAdjustment").entrySet().forEach(e -> c.addProperty(SbomComponents.property(
                    ns + ":base:" + e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString()
                            : e.getValue().toString())));
            // Requested and audited: in a clean audit each holds this value in the shipped config.
            Json.object(in, "request").entrySet().forEach(e -> c.addProperty(SbomComponents.property(
                    ns + ":CONFIG_" + e.getKey(), e.getValue().getAsString())));
        }
        for (JsonElement m : Json.array(audit, "mismatches")) {
            JsonObject o = m.getAsJsonObject();
            c.addProperty(SbomComponents.property(ns + ":dropped:" + Json.string(o, "option"), "requested "
                    + Json.string(o, "requested") + ", got " + Json.string(o, "actual")));
        }
    }
}
