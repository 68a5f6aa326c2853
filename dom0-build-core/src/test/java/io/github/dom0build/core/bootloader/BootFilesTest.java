package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootFilesTest {
    private static final String DOM0_CONFIG = "#\n# Automatically generated file; DO NOT EDIT.\n"
            + "# Linux/x86 6.1.176 Kernel Configuration\n#\nCONFIG_XEN=y\nCONFIG_XEN_PV=y\nCONFIG_XEN_DOM0=y\n"
            + "CONFIG_XEN_PVHVM=y\n";

    @TempDir
    Path tmp;

    private Path boot;

    @BeforeEach
    void setUp() throws IOException {
        boot = Files.createDirectories(tmp.resolve("boot"));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(boot.resolve(name), content);
    }

    private void link(String name, String target) throws IOException {
        Files.createSymbolicLink(boot.resolve(name), Path.of(target));
    }

    /** What Xen's and a few kernels' installs leave in /boot. */
    private void fullBoot() throws IOException {
        write("vmlinuz-6.1.176-dom0", "bzImage");
        write("config-6.1.176-dom0", DOM0_CONFIG);
        write("System.map-6.1.176-dom0", "map");
        write("initrd.img-6.1.176-dom0", "initrd");
        write("vmlinux-6.1.176-raw", "elf");
        write("config-6.1.176-raw", DOM0_CONFIG);
        write("vmlinuz-6.1.0-18-amd64", "distribution kernel");
        write("config-6.1.0-18-amd64", "CONFIG_XEN=y\n# CONFIG_XEN_DOM0 is not set\n");
        write("vmlinuz-6.1.176-module", "bzImage");
        write("config-6.1.176-module", "CONFIG_XEN_DOM0=m\n");
        write("vmlinuz-6.1.176-spaced", "bzImage");
        write("config-6.1.176-spaced", "CONFIG_XEN_DOM0=y # dom0\n");
        write("vmlinuz-6.1.176-noconfig", "bzImage");
        write("xen-4.17.5.gz", "hypervisor");
        link("xen.gz", "xen-4.17.5.gz");
        link("xen-4.gz", "xen-4.17.5.gz");
        link("xen-4.17.gz", "xen-4.17.5.gz");
        write("xen-4.17.5.config", "CONFIG_XEN=y\n");
        write("xen-syms-4.17.5", "symbols");
        write("xenpolicy-4.17.5", "policy");
        write("xen-4.16.2.gz.old", "old hypervisor");
        write("xen-4.16.2.gz.bak", "backup");
        write("xen-4.16.2.gz~", "editor backup");
    }

    @Test
    void onlyKernelsWithTheExactDom0LineAreDom0Kernels() throws Exception {
        fullBoot();
        BootFiles f = BootFiles.scan(boot);
        assertThat(f.dom0Kernels()).containsExactly("6.1.176-raw", "6.1.176-dom0"); // vmlinux sorts before vmlinuz
        assertThat(f.otherKernels()).containsExactly("6.1.0-18-amd64", "6.1.176-module", "6.1.176-noconfig",
                "6.1.176-spaced");
    }

    @Test
    void hypervisorImagesAreToldFromTheirLinksAndGarbageIsLeftOut() throws Exception {
        fullBoot();
        BootFiles f = BootFiles.scan(boot);
        assertThat(f.hypervisors()).containsExactly("xen-4.17.5.gz");
        assertThat(f.hypervisorLinks()).containsExactly("xen-4.17.gz", "xen-4.gz", "xen.gz");
        f.require(List.of(), boot);
        f.require(List.of("6.1.176-dom0", "6.1.176-raw"), boot);
    }

    @Test
    void anEmptyBootHasNoKernelAndNoHypervisor() throws Exception {
        BootFiles f = BootFiles.scan(boot);
        assertThat(f).isEqualTo(new BootFiles(List.of(), List.of(), List.of(), List.of()));
        assertThatThrownBy(() -> f.require(List.of(), boot)).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("grub would not offer a Xen dom0 entry:\n    no kernel (vmlinuz-*) in " + boot
                    + "\n    no Xen hypervisor image (xen-<version>.gz) in " + boot);
            assertThat(e.fix()).contains("config-<release> must sit next to it in /boot");
        });
    }

    @Test
    void kernelsWithoutDom0AreNamed() throws Exception {
        write("vmlinuz-6.1.0-18-amd64", "k");
        write("vmlinuz-6.1.176-module", "k");
        write("config-6.1.176-module", "CONFIG_XEN_DOM0=m\n");
        write("xen-4.17.5.gz", "hypervisor");
        BootFiles f = BootFiles.scan(boot);
        assertThatThrownBy(() -> f.require(null, boot)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(e.problem()).isEqualTo("grub would not offer a Xen dom0 entry:\n    no kernel in " + boot
                        + " has a config-<release> with CONFIG_XEN_DOM0=y (kernels: 6.1.0-18-amd64, 6.1.176-module)"));
    }

    @Test
    void hypervisorLinksAloneAreNoHypervisor() throws Exception {
        write("vmlinuz-6.1.176-dom0", "k");
        write("config-6.1.176-dom0", DOM0_CONFIG);
        link("xen.gz", "xen-4.17.5.gz");
        BootFiles f = BootFiles.scan(boot);
        assertThat(f.hypervisorLinks()).containsExactly("xen.gz");
        assertThatThrownBy(() -> f.require(List.of("6.1.176-dom0"), boot))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem()).isEqualTo(
                        "grub would not offer a Xen dom0 entry:\n    no Xen hypervisor image (xen-<version>.gz) in " + boot));
    }

    @Test
    void aNamedReleaseIsMissingOrNotDom0() throws Exception {
        fullBoot();
        BootFiles f = BootFiles.scan(boot);
        assertThatThrownBy(() -> f.require(List.of("6.1.176-dom0", "6.2.0", "6.1.176-module"), boot))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem()).isEqualTo(
                        "grub would not offer a Xen dom0 entry:\n    there is no vmlinuz-6.2.0 in " + boot
                                + "\n    config-6.1.176-module is missing or lacks the line CONFIG_XEN_DOM0=y, so"
                                + " 20_linux_xen gives vmlinuz-6.1.176-module no Xen entry"));
    }

    @Test
    void aMissingBootIsReported() {
        Path none = tmp.resolve("root/boot");
        assertThatThrownBy(() -> BootFiles.scan(none)).isInstanceOf(BuildException.class)
                .hasMessageContaining(none + " does not exist: nothing is installed there.");
    }
}
