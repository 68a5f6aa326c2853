package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredTreeTest {
    /** Excerpts of what Xen 4.17's configure writes, as found in a configured tree. */
    static final String TOOLS_MK = """
            -include $(XEN_ROOT)/config/Paths.mk

            CONFIG_WERROR       := y
            CONFIG_RUMP         := n
            ifeq ($(CONFIG_RUMP),y)
            XEN_OS              := NetBSDRump
            endif

            # Tools path
            BISON               := /usr/bin/bison
            PY_NOOPT_CFLAGS     :=\s
            FETCHER             := /usr/bin/wget -c -O

            # Download GIT repositories via HTTP or GIT's own protocol?
            GIT_HTTP            ?= n

            # Optional components
            XENSTAT_XENTOP      := y
            OCAML_TOOLS         := y
            CONFIG_QEMU_XEN     := n
            CONFIG_QEMUU_EXTRA_ARGS:=\s

            CONFIG_SYSTEMD      := y
            XEN_SYSTEMD_DIR     := $(prefix)/lib/systemd/system/
            """;
    static final String PATHS_MK = """
            # Xen system configuration
            # ========================
            PACKAGE_TARNAME          := xen
            prefix                   := /usr
            sbindir                  := /usr/sbin
            CONFIG_DIR               := /etc
            INITD_DIR                := /etc/init.d
            CONFIG_LEAF_DIR          := default
            BASH_COMPLETION_DIR      := $(CONFIG_DIR)/bash_completion.d
            XEN_LOG_DIR              := /var/log/xen
            """;
    static final String TOPLEVEL_MK = """
            SUBSYSTEMS               :=  xen tools
            GIT_HTTP                 ?= n
            """;
    static final String LAUNCH_XENSTORE = """
            #!/bin/bash
            #
            # Copyright (c) 2016 SUSE Linux GmbH
            #

            XENSTORED=/usr/sbin/oxenstored

            . /etc/xen/scripts/hotplugpath.sh

            [ "$XENSTORETYPE" = "daemon" ] && {
            	[ -z "$XENSTORED_TRACE" ] || XENSTORED_ARGS="$XENSTORED_ARGS -T /var/log/xen/xenstored-trace.log"
            	[ -z "$XENSTORED" ] && XENSTORED=/usr/sbin/oxenstored
            	echo -n Starting $XENSTORED...
            }
            """;

    @TempDir
    Path tmp;

    private Path configured() throws Exception {
        Files.createDirectories(tmp.resolve("config"));
        Files.createDirectories(tmp.resolve("tools/hotplug/Linux"));
        Files.writeString(tmp.resolve("config/Tools.mk"), TOOLS_MK);
        Files.writeString(tmp.resolve("config/Paths.mk"), PATHS_MK);
        Files.writeString(tmp.resolve("config/Toplevel.mk"), TOPLEVEL_MK);
        Files.writeString(tmp.resolve("tools/hotplug/Linux/launch-xenstore"), LAUNCH_XENSTORE);
        return tmp;
    }

    @Test
    void readsWhatConfigureRecorded() throws Exception {
        ConfiguredTree c = ConfiguredTree.read(configured());
        assertThat(c.systemd()).isTrue();
        assertThat(c.ocamlTools()).isTrue();
        assertThat(c.configLeafDir()).contains("default");
        assertThat(c.subsystems()).contains("xen tools");
        assertThat(c.xenstoredPath()).contains("/usr/sbin/oxenstored");
        assertThat(c.variable("FETCHER")).contains("/usr/bin/wget -c -O");
        assertThat(c.variable("PY_NOOPT_CFLAGS")).contains("");
        assertThat(c.variable("CONFIG_QEMUU_EXTRA_ARGS")).contains("");
        assertThat(c.variable("XEN_SYSTEMD_DIR")).contains("$(prefix)/lib/systemd/system/");
        // ?= assignments and lower-case names are not read; make conditionals are not evaluated.
        assertThat(c.variable("GIT_HTTP")).isEmpty();
        assertThat(c.variable("prefix")).isEmpty();
        assertThat(c.variable("XEN_OS")).contains("NetBSDRump");
    }

    @Test
    void isConfiguredOnlyWithToolsMk() throws Exception {
        assertThat(ConfiguredTree.isConfigured(tmp)).isFalse();
        configured();
        assertThat(ConfiguredTree.isConfigured(tmp)).isTrue();
    }

    @Test
    void flagsThatAreOffOrMissingReadAsOff() throws Exception {
        Files.createDirectories(tmp.resolve("config"));
        Files.writeString(tmp.resolve("config/Tools.mk"), "OCAML_TOOLS         := n\nCONFIG_SYSTEMD      := \n");
        ConfiguredTree c = ConfiguredTree.read(tmp);
        assertThat(c.systemd()).isFalse();
        assertThat(c.ocamlTools()).isFalse();
        assertThat(c.configLeafDir()).isEmpty();
        assertThat(c.subsystems()).isEmpty();
        assertThat(c.xenstoredPath()).isEmpty();
    }

    @Test
    void anUnconfiguredTreeReadsAsEmpty() throws Exception {
        ConfiguredTree c = ConfiguredTree.read(tmp);
        assertThat(c.systemd()).isFalse();
        assertThat(c.variable("CONFIG_SYSTEMD")).isEmpty();
        assertThat(c.xenstoredPath()).isEmpty();
    }

    @Test
    void laterFilesWinForTheSameVariable() throws Exception {
        Files.createDirectories(tmp.resolve("config"));
        Files.writeString(tmp.resolve("config/Toplevel.mk"), "CONFIG_LEAF_DIR := sysconfig\n");
        Files.writeString(tmp.resolve("config/Paths.mk"), "CONFIG_LEAF_DIR := default\n");
        assertThat(ConfiguredTree.read(tmp).configLeafDir()).contains("default");
    }
}
