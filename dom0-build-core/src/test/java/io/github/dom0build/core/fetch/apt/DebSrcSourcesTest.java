package io.github.dom0build.core.fetch.apt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebSrcSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void oneLineEntriesBecomeDebSrcStanzas() {
        assertThat(DebSrcSources.fromOneLine("""
                # See /usr/share/doc/apt/examples/sources.list
                deb http://deb.example.org/debian bookworm main contrib non-free-firmware
                deb-src http://deb.example.org/debian bookworm main
                #deb http://deb.example.org/debian bookworm-backports main
                  deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://security.example.org/debian-security bookworm-security main
                deb https://packages.cloud.example.com/apt cloud-sdk-bookworm main
                deb http://example.org/flat ./
                deb http://example.org/broken
                """)).containsExactly(
                "Types: deb-src\nURIs: http://deb.example.org/debian\nSuites: bookworm\n"
                        + "Components: main contrib non-free-firmware\n",
                "Types: deb-src\nURIs: http://security.example.org/debian-security\nSuites: bookworm-security\n"
                        + "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
                "Types: deb-src\nURIs: https://packages.cloud.example.com/apt\nSuites: cloud-sdk-bookworm\n"
                        + "Components: main\n",
                "Types: deb-src\nURIs: http://example.org/flat\nSuites: ./\n");
    }

    @Test
    void deb822StanzasWithDebAreCopiedAsDebSrc() {
        assertThat(DebSrcSources.fromDeb822("""
                Types: deb deb-src
                # http://snapshot.example.org/archive/debian/20250520T000000Z
                URIs: http://deb.example.org/debian
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb-src
                URIs: http://deb.example.org/debian
                Suites: bookworm-backports
                Components: main

                Types: deb
                URIs: http://deb.example.org/debian-security
                Suites: bookworm-security
                Components: main
                Enabled: no
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                # A comment stanza on its own

                Types: deb
                URIs: https://deb.nodejs.example.net/node_20.x
                Suites: nodistro
                Components: main
                Architectures: amd64
                Signed-By: /usr/share/keyrings/nodesource.gpg
                """)).containsExactly(
                "Types: deb-src\nURIs: http://deb.example.org/debian\nSuites: bookworm bookworm-updates\n"
                        + "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
                "Types: deb-src\nURIs: https://deb.nodejs.example.net/node_20.x\nSuites: nodistro\nComponents: main\n"
                        + "Architectures: amd64\nSigned-By: /usr/share/keyrings/nodesource.gpg\n");
    }

    @Test
    void deriveReadsSourcesListAndBothKindsOfFilesInSourcesListD() throws Exception {
        Path apt = tmp.resolve("etc/apt");
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list"), "deb http://deb.example.org/debian bookworm main\n");
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), "Types: deb\nURIs: http://deb.example.org/debian\n"
                + "Suites: bookworm-updates\nComponents: main\n");
        Files.writeString(apt.resolve("sources.list.d/cloud.list"), "deb [signed-by=/etc/apt/keyrings/cloud.gpg]"
                + " https://packages.cloud.example.com/apt cloud-sdk main\n");
        Files.writeString(apt.resolve("sources.list.d/old.list.save"), "deb http://example.org/saved x main\n");
        Files.writeString(apt.resolve("sources.list.d/disabled.sources.bak"), "Types: deb\nURIs: http://example.org\n"
                + "Suites: x\n");

        assertThat(DebSrcSources.derive(apt)).isEqualTo(
                "Types: deb-src\nURIs: http://deb.example.org/debian\nSuites: bookworm\nComponents: main\n"
                        + "\n"
                        + "Types: deb-src\nURIs: https://packages.cloud.example.com/apt\nSuites: cloud-sdk\n"
                        + "Components: main\nSigned-By: /etc/apt/keyrings/cloud.gpg\n"
                        + "\n"
                        + "Types: deb-src\nURIs: http://deb.example.org/debian\nSuites: bookworm-updates\n"
                        + "Components: main\n");
    }

    @Test
    void anEmptyAptDirectoryGivesNothing() throws Exception {
        assertThat(DebSrcSources.derive(tmp)).isEmpty();
    }
}
