package io.github.dom0build.core.systemd;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.InstallManifest;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The recipe's way of choosing between oxenstored and cxenstored on an installed system: {@code XENSTORED=}
 * in xencommons, naming a daemon the root really has. The edit is recorded in the root's install
 * manifests, so an uninstall takes this xencommons out like the installed one.
 */
public final class XenstoredSelection {
    private static final List<String> SBIN = List.of("usr/sbin", "usr/local/sbin", "sbin");
    /**
     * xencommonsXenstored's default: the daemon the root starts already (XENSTORED in xencommons, else
     * configure's default in launch-xenstore), written explicitly.
     */
    public static final String CONFIGURED = "configured";
    /** xencommonsXenstored's way to leave xencommons alone. */
    public static final String UNCHANGED = "unchanged";

    private final BuildLog log;

    public XenstoredSelection(BuildLog log) {
        this.log = log;
    }

    /**
     * systemd-enable's {@code xencommonsXenstored}: {@code configured} (empty too) writes the daemon the root
     * starts already, {@code oxenstored} or {@code cxenstored} flips to that one, {@code unchanged} leaves
     * xencommons alone.
     *
     * @param configureChoice configure's {@code xenstored} as this run was given it ({@code -D}), or null: a
     *        run that names a daemon the root was not built to start is refused rather than starting the other
     */
    public void apply(TargetRoot root, String setting, String configureChoice, boolean dryRun) throws BuildException {
        String s = setting == null || setting.isBlank() ? CONFIGURED : setting.strip();
        switch (s) {
            case UNCHANGED -> log.info("xencommonsXenstored=unchanged: xencommons is left as installed");
            case CONFIGURED -> {
                if (configureChoice != null && !configureChoice.isBlank() && Xencommons.locate(root).isPresent()) {
                    XenstoredChoice asked = XenstoredChoice.parse(configureChoice);
                    XenstoredChoice rooted = RootXenstored.of(root);
                    if (asked != rooted) {
                        throw new BuildException("xenstored=" + asked.displayName() + " is configure's choice, but "
                                + root.describe() + " starts " + rooted.displayName() + " (XENSTORED in its"
                                + " xencommons, else configure's default in launch-xenstore), which systemd-enable"
                                + " keeps unless xencommonsXenstored says otherwise. Nothing was changed.", "to start "
                                        + asked.displayName() + " in this root, set xencommonsXenstored="
                                        + asked.displayName() + " (-Dxen.xencommonsXenstored=" + asked.displayName()
                                        + "); to build with it, run configure again");
                    }
                }
                select(root, null, dryRun);
            }
            case "oxenstored", "cxenstored" -> select(root, XenstoredChoice.parse(s), dryRun);
            default -> throw new BuildException("xencommonsXenstored '" + setting + "' is none of " + CONFIGURED
                    + ", oxenstored, cxenstored, " + UNCHANGED + ".", "set xencommonsXenstored to one of them");
        }
    }

    /** @param chosen the daemon to start, or null for the one the root starts already (configure's default) */
    public void select(TargetRoot root, XenstoredChoice chosen, boolean dryRun) throws BuildException {
        Optional<Path> file = Xencommons.locate(root);
        if (file.isEmpty()) {
            throw new BuildException("No xencommons in " + root.describe() + " (etc/default or etc/sysconfig).",
                    "install Xen into this root first (xen:install), or set xencommonsXenstored=unchanged");
        }
        XenstoredChoice choice = chosen != null ? chosen : RootXenstored.of(root);
        String daemon = installedDaemon(root, choice).orElseThrow(() -> new BuildException(choice.configureValue()
                + " is not installed in " + root.describe() + ".", choice == XenstoredChoice.OXENSTORED
                        ? "build Xen with xenstored=oxenstored (it needs ocaml and ocaml-findlib), or set"
                                + " xencommonsXenstored=cxenstored"
                        : "check the Xen installation in this root"));
        if (dryRun) {
            log.info("Dry run: would set XENSTORED=" + daemon + " in " + file.get());
        } else if (Xencommons.setXenstored(file.get(), daemon)) {
            log.info("Set XENSTORED=" + daemon + " in " + file.get());
            try {
                InstallManifest.recordEdit(root, "/" + root.path().relativize(file.get()));
            } catch (IOException e) {
                throw new BuildException("Cannot record the change of " + file.get() + " in the install manifests: "
                        + e.getMessage(), "check var/lib/dom0-build in " + root.describe(), e);
            }
        } else {
            log.info(file.get() + " already has XENSTORED=" + daemon);
        }
    }

    /** The daemon's path in the root ({@code /usr/sbin/oxenstored}), if the root has it. */
    static Optional<String> installedDaemon(TargetRoot root, XenstoredChoice choice) throws BuildException {
        for (String sbin : SBIN) {
            String relative = sbin + "/" + choice.configureValue();
            try {
                if (Files.isRegularFile(root.resolveFollowing(relative))) {
                    return Optional.of("/" + relative);
                }
            } catch (IOException e) {
                throw new BuildException("Cannot look for " + relative + " in " + root.describe() + ": " + e.getMessage(),
                        "replace that symbolic link in the root by a directory", e);
            }
        }
        return Optional.empty();
    }
}
