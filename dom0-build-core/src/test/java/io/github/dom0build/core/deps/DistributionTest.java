package io.github.dom0build.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {
    static final String DEBIAN = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            """;
    static final String UBUNTU = """
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            ID=ubuntu
            ID_LIKE=debian
            UBUNTU_CODENAME=noble
            """;
    static final String FEDORA = """
            NAME="Fedora Linux"
            VERSION="40 (Workstation Edition)"
            ID=fedora
            VERSION_ID=40
            PRETTY_NAME="Fedora Linux 40 (Workstation Edition)"
            """;
    static final String ROCKY = """
            NAME="Rocky Linux"
            VERSION="9.4 (Blue Onyx)"
            ID="rocky"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.4"
            PRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"
            """;
    static final String TUMBLEWEED = """
            NAME="openSUSE Tumbleweed"
            # VERSION="20240601"
            ID="opensuse-tumbleweed"
            ID_LIKE="opensuse suse"
            VERSION_ID="20240601"
            PRETTY_NAME="openSUSE Tumbleweed"
            """;
    static final String ALPINE = """
            NAME="Alpine Linux"
            ID=alpine
            VERSION_ID=3.20.0
            PRETTY_NAME='Alpine Linux v3.20'
            """;

    @Test
    void debian() {
        Distribution d = Distribution.parse(DEBIAN);
        assertThat(d).isEqualTo(new Distribution("debian", List.of(), "Debian GNU/Linux 12 (bookworm)"));
        assertThat(d.family()).isEqualTo(Distribution.Family.DEBIAN);
        assertThat(d.is("debian")).isTrue();
        assertThat(d.is("ubuntu")).isFalse();
    }

    @Test
    void ubuntuIsLikeDebian() {
        Distribution d = Distribution.parse(UBUNTU);
        assertThat(d).isEqualTo(new Distribution("ubuntu", List.of("debian"), "Ubuntu 24.04.1 LTS"));
        assertThat(d.family()).isEqualTo(Distribution.Family.DEBIAN);
        assertThat(d.is("debian")).isTrue();
    }

    @Test
    void fedora() {
        Distribution d = Distribution.parse(FEDORA);
        assertThat(d.id()).isEqualTo("fedora");
        assertThat(d.prettyName()).isEqualTo("Fedora Linux 40 (Workstation Edition)");
        assertThat(d.family()).isEqualTo(Distribution.Family.FEDORA);
        assertThat(d.family().installCommand()).isEqualTo("dnf install -y");
    }

    @Test
    void rockyIsLikeRhel() {
        Distribution d = Distribution.parse(ROCKY);
        assertThat(d).isEqualTo(new Distribution("rocky", List.of("rhel", "centos", "fedora"),
                "Rocky Linux 9.4 (Blue Onyx)"));
        assertThat(d.family()).isEqualTo(Distribution.Family.FEDORA);
        assertThat(d.is("rhel")).isTrue();
    }

    @Test
    void openSuseTumbleweed() {
        Distribution d = Distribution.parse(TUMBLEWEED);
        assertThat(d).isEqualTo(new Distribution("opensuse-tumbleweed", List.of("opensuse", "suse"),
                "openSUSE Tumbleweed"));
        assertThat(d.family()).isEqualTo(Distribution.Family.SUSE);
        assertThat(d.family().installCommand()).isEqualTo("zypper install -y");
    }

    @Test
    void anIdAloneIsEnoughForSuse() {
        assertThat(Distribution.parse("ID=opensuse-leap\n").family()).isEqualTo(Distribution.Family.SUSE);
        assertThat(Distribution.parse("ID=sles\n").family()).isEqualTo(Distribution.Family.SUSE);
    }

    @Test
    void unknownDistributions() {
        Distribution alpine = Distribution.parse(ALPINE);
        assertThat(alpine).isEqualTo(new Distribution("alpine", List.of(), "Alpine Linux v3.20"));
        assertThat(alpine.family()).isEqualTo(Distribution.Family.UNKNOWN);
        assertThat(alpine.family().installCommand()).isNull();

        Distribution empty = Distribution.parse("");
        assertThat(empty).isEqualTo(new Distribution("unknown", List.of(), "unknown"));
        assertThat(empty.family()).isEqualTo(Distribution.Family.UNKNOWN);
    }

    @Test
    void idsAreCaseInsensitiveAndWhitespaceIsTrimmed() {
        Distribution d = Distribution.parse("ID = Debian \r\nPRETTY_NAME=\"Debian\"\n");
        assertThat(d.id()).isEqualTo("debian");
        assertThat(d.family()).isEqualTo(Distribution.Family.DEBIAN);
    }
}
