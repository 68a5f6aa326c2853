package io.github.dom0build.core.fetch.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DscFileTest {
    private static final String ORIG_SHA = "53922f4d0a02c577f2ea9d63f65989cd88715779eebeed879ca1d314103ee06e";
    private static final String DEBIAN_SHA = "5bcf3812c64585e270e0b3fa6ee8fd16dff7b9bc0f61375d648c64672484c4d9";
    private static final String COMPONENT_SHA = "1111111111111111111111111111111111111111111111111111111111111111";

    /** Shaped like Debian's signed xen .dsc, with an extra orig component tarball before the main one. */
    static final String XEN_DSC = """
            -----BEGIN PGP SIGNED MESSAGE-----
            Hash: SHA512

            Format: 3.0 (quilt)
            Source: xen
            Binary: xenstore-utils, xen-utils-common, xen-hypervisor-common, xen-doc
            Architecture: amd64 arm64 armhf
            Version: 4.17.5+72-g01140da4e8-1
            Maintainer: Debian Xen Team <pkg-xen-devel@lists.alioth.debian.org>
            Homepage: https://xenproject.org/
            Standards-Version: 4.6.2
            Build-Depends: debhelper-compat (= 13), dh-exec, flex, bison, python3-dev:any, libyajl-dev, pkg-config,
             uuid-dev, zlib1g-dev, ocaml, ocaml-findlib
            Package-List:
             libxen-dev deb libdevel optional arch=amd64,arm64,armhf
             xen-doc deb doc optional arch=amd64,armhf,arm64
            Checksums-Sha1:
             484aee73ee641a79784ccca082d88548f1979258 4735560 xen_4.17.5+72-g01140da4e8.orig.tar.xz
             d4cd8a6ea02d46f176911e307579dc706445215b 139916 xen_4.17.5+72-g01140da4e8-1.debian.tar.xz
            Checksums-Sha256:
             %s 2048 xen_4.17.5+72-g01140da4e8.orig-docs.tar.xz
             %s 4735560 xen_4.17.5+72-g01140da4e8.orig.tar.xz
             %s 4735560 xen_4.17.5+72-g01140da4e8.orig.tar.xz.asc
             %s 139916 xen_4.17.5+72-g01140da4e8-1.debian.tar.xz
            Files:
             a06455fe8e2cb343077c1160dcbb542d 4735560 xen_4.17.5+72-g01140da4e8.orig.tar.xz
             0cc6fc105905d9e93bd1a9bc6ebac890 139916 xen_4.17.5+72-g01140da4e8-1.debian.tar.xz

            -----BEGIN PGP SIGNATURE-----

            iQIzBAEBCgAdFiEEtuYvPRKsOElcDakFEMKTtsN8TjYFAmku1R8ACgkQEMKTtsN8
            Checksums-Sha256:
             %s 1 xen_9.9.orig.tar.gz
            =AbCd
            -----END PGP SIGNATURE-----
            """.formatted(COMPONENT_SHA, ORIG_SHA, COMPONENT_SHA, DEBIAN_SHA, COMPONENT_SHA);

    @TempDir
    Path tmp;

    @Test
    void readsSourceVersionAndOnlyTheSha256Entries() throws Exception {
        DscFile d = DscFile.parse(XEN_DSC, "xen.dsc");
        assertThat(d.source()).isEqualTo("xen");
        assertThat(d.version()).isEqualTo("4.17.5+72-g01140da4e8-1");
        assertThat(d.files()).containsExactly(
                new DscFile.Entry(COMPONENT_SHA, 2048, "xen_4.17.5+72-g01140da4e8.orig-docs.tar.xz"),
                new DscFile.Entry(ORIG_SHA, 4735560, "xen_4.17.5+72-g01140da4e8.orig.tar.xz"),
                new DscFile.Entry(COMPONENT_SHA, 4735560, "xen_4.17.5+72-g01140da4e8.orig.tar.xz.asc"),
                new DscFile.Entry(DEBIAN_SHA, 139916, "xen_4.17.5+72-g01140da4e8-1.debian.tar.xz"));
    }

    @Test
    void findsTheUpstreamAndDebianTarballs() throws Exception {
        DscFile d = DscFile.parse(XEN_DSC, "xen.dsc");
        assertThat(d.origTarball()).isEqualTo(new DscFile.Entry(ORIG_SHA, 4735560,
                "xen_4.17.5+72-g01140da4e8.orig.tar.xz"));
        assertThat(d.debianTarball()).isEqualTo(new DscFile.Entry(DEBIAN_SHA, 139916,
                "xen_4.17.5+72-g01140da4e8-1.debian.tar.xz"));
    }

    @Test
    void readsAFile() throws Exception {
        Path dsc = tmp.resolve("xen_4.17.5+72-g01140da4e8-1.dsc");
        Files.writeString(dsc, XEN_DSC);
        assertThat(DscFile.read(dsc).files()).hasSize(4);
        assertThatThrownBy(() -> DscFile.read(tmp.resolve("missing.dsc"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot read " + tmp.resolve("missing.dsc"));
    }

    @Test
    void aNativePackageHasNoOrigTarball() throws Exception {
        DscFile d = DscFile.parse("""
                Format: 3.0 (native)
                Source: dom0-tools
                Version: 1.2
                Checksums-Sha256:
                 %s 5120 dom0-tools_1.2.tar.xz
                """.formatted(ORIG_SHA), "dom0-tools_1.2.dsc");
        assertThatThrownBy(d::origTarball).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("dom0-tools 1.2 has no upstream orig tarball (a native package?).");
            assertThat(e.fix()).contains("orig tarball");
        });
        assertThatThrownBy(d::debianTarball).isInstanceOf(BuildException.class)
                .hasMessageContaining("dom0-tools 1.2 has no debian.tar (source format 1.0?).");
    }

    @Test
    void anotherPackagesTarballIsNotThisOne() throws Exception {
        DscFile d = DscFile.parse("Source: xen\nVersion: 1-1\nChecksums-Sha256:\n " + ORIG_SHA
                + " 1 xen-tools_1.orig.tar.gz\n " + ORIG_SHA + " 1 linux_1.orig.tar.gz\n", "x.dsc");
        assertThatThrownBy(d::origTarball).isInstanceOf(BuildException.class);
    }

    @Test
    void aFileWithoutTheFieldsIsRefused() {
        for (String text : new String[] {"", "Source: xen\nVersion: 1\n", "Version: 1\nChecksums-Sha256:\n " + ORIG_SHA
                + " 1 xen_1.orig.tar.gz\n", "Source: xen\nChecksums-Sha256:\n " + ORIG_SHA + " 1 xen_1.orig.tar.gz\n"}) {
            assertThatThrownBy(() -> DscFile.parse(text, "broken.dsc")).isInstanceOfSatisfying(BuildException.class,
                    e -> assertThat(e.problem()).isEqualTo("broken.dsc is not a source control file with Source,"
                            + " Version and Checksums-Sha256."));
        }
    }
}
