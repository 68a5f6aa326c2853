package io.github.dom0build.core.distroconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.kconfig.KernelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distribution config's settings, as Debian and Ubuntu ship them, against a tree without their files. */
class DistributionFixupsTest {
    private static final String DISTRO = String.join("\n",
            "CONFIG_LOCALVERSION=\"\"",
            "CONFIG_BUILD_SALT=\"6.1.0-50-amd64\"",
            "CONFIG_MODULES=y",
            "CONFIG_MODULE_SIG=y",
            "CONFIG_MODULE_SIG_ALL=y",
            "CONFIG_MODULE_SIG_KEY=\"output/signing_key.pem\"",
            "CONFIG_SYSTEM_TRUSTED_KEYS=\"debian/certs/debian-uefi-certs.pem certs/local.pem\"",
            "CONFIG_SYSTEM_REVOCATION_KEYS=\"debian/canonical-revoked-certs.pem\"",
            "CONFIG_DEBUG_INFO=y",
            "# CONFIG_DEBUG_INFO_NONE is not set",
            "CONFIG_DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT=y",
            "# CONFIG_DEBUG_INFO_REDUCED is not set",
            "CONFIG_DEBUG_INFO_BTF=y",
            "");

    @TempDir
    Path tree;

    private KernelConfig distro() throws Exception {
        return KernelConfig.parse(DISTRO, "config-6.1.0-50-amd64");
    }

    @Test
    void keysTheTreeLacksAreEmptiedAndThoseItHasKept() throws Exception {
        Files.createDirectories(tree.resolve("certs"));
        Files.writeString(tree.resolve("certs/local.pem"), "pem");
        DistributionFixups.Adjusted a = new DistributionFixups(Set.of(), DebugInfo.KEEP, false).apply(distro(),
                List.of(tree));
        assertThat(a.config().value("SYSTEM_TRUSTED_KEYS")).isEqualTo("\"certs/local.pem\"");
        assertThat(a.config().value("SYSTEM_REVOCATION_KEYS")).isEqualTo("\"\"");
        assertThat(a.changes()).extracting(DistributionFixups.Change::fixup).contains("trusted-keys", "revocation-keys");
        assertThat(a.changes().get(0).why()).contains("debian/certs/debian-uefi-certs.pem").contains("No rule to make");
    }

    @Test
    void signingIsTurnedOffWithoutAKeyAndTheSaltEmptiedAndDebugInfoDropped() throws Exception {
        DistributionFixups f = new DistributionFixups(Set.of(), DebugInfo.NONE, false);
        KernelConfig out = f.apply(distro(), List.of(tree)).config();
        assertThat(out.value("MODULE_SIG")).isEqualTo("n");
        assertThat(out.value("MODULE_SIG_ALL")).isEqualTo("n");
        assertThat(out.value("MODULE_SIG_KEY")).as("in case MODULE_SIG is selected and stays").isEqualTo("\"\"");
        assertThat(out.value("BUILD_SALT")).isEqualTo("\"\"");
        assertThat(out.value("DEBUG_INFO")).isEqualTo("n");
        assertThat(out.value("DEBUG_INFO_NONE")).as("the choice's own 'none' (5.18 and later)").isEqualTo("y");
        assertThat(out.value("DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT")).isEqualTo("n");
        assertThat(f.verify(out, List.of(tree))).isEmpty();
        KernelConfig selected = out.with(Map.of("MODULE_SIG", "y"));
        assertThat(f.verify(selected, List.of(tree))).as("selected by lockdown, with no key: fine").isEmpty();
        assertThat(f.signingSelectedWithoutKey(selected)).isTrue();
        assertThat(f.verify(selected.with(Map.of("MODULE_SIG_ALL", "y")), List.of(tree))).hasSize(1);
    }

    @Test
    void aUserKeySignsWithItsCopyInTheBuildTree() throws Exception {
        DistributionFixups f = new DistributionFixups(Set.of(), DebugInfo.KEEP, true);
        KernelConfig out = f.apply(distro(), List.of(tree)).config();
        assertThat(out.value("MODULE_SIG")).isEqualTo("y");
        assertThat(out.value("MODULE_SIG_KEY")).isEqualTo("\"" + DistributionFixups.SIGNING_KEY + "\"");
        assertThat(f.verify(out, List.of(tree))).as("the key was not copied into the tree").singleElement()
                .asString().contains("which this tree does not have");
        Files.createDirectories(tree.resolve("certs"));
        Files.writeString(tree.resolve(DistributionFixups.SIGNING_KEY), "key");
        assertThat(f.verify(out, List.of(tree))).isEmpty();
    }

    @Test
    void keptSettingsStayAsTheDistributionHasThemAndAMissingKeptKeyIsNamed() throws Exception {
        DistributionFixups f = new DistributionFixups(EnumSet.allOf(Fixup.class), DebugInfo.KEEP, false);
        DistributionFixups.Adjusted a = f.apply(distro(), List.of(tree));
        assertThat(a.changes()).isEmpty();
        assertThat(a.config().text()).isEqualTo(distro().text());
        assertThat(f.verify(a.config(), List.of(tree))).singleElement().asString()
                .contains("CONFIG_MODULE_SIG_KEY is \"output/signing_key.pem\"");
    }

    @Test
    void reducedKeepsDebugInfoReducedAndVerifyCatchesWhatOlddefconfigUndid() throws Exception {
        DistributionFixups f = new DistributionFixups(Set.of(), DebugInfo.REDUCED, false);
        KernelConfig out = f.apply(distro(), List.of(tree)).config();
        assertThat(out.value("DEBUG_INFO")).isEqualTo("y");
        assertThat(out.value("DEBUG_INFO_REDUCED")).isEqualTo("y");
        KernelConfig undone = out.with(Map.of("DEBUG_INFO_REDUCED", "n"));
        assertThat(f.verify(undone, List.of(tree))).singleElement().asString().contains("debugInfo=reduced");
    }

    @Test
    void aDefconfigBaseNeedsNoFixup() throws Exception {
        KernelConfig defconfig = KernelConfig.parse("CONFIG_MODULES=y\n# CONFIG_MODULE_SIG is not set\n"
                + "CONFIG_SYSTEM_TRUSTED_KEYS=\"\"\n# CONFIG_DEBUG_INFO is not set\nCONFIG_BUILD_SALT=\"\"\n", "defconfig");
        assertThat(new DistributionFixups(Set.of(), DebugInfo.NONE, false).apply(defconfig, List.of(tree)).changes())
                .isEmpty();
    }
}
