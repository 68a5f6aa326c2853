package io.github.dom0build.core.bootroot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A small root file system tar shaped like mmdebstrap's output for Debian 12: {@code ./}-prefixed
 * names, merged /usr ({@code lib -> usr/lib}), {@code var/run -> /run}, device nodes, a file owned by
 * a system group, a setuid program and a hard link.
 */
final class UserlandTar {
    private UserlandTar() {
    }

    static Path write(Path tar) throws IOException {
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            dir(t, "./");
            dir(t, "./dev/");
            node(t, "./dev/console", TarConstants.LF_CHR, 0600, 5, 1);
            node(t, "./dev/null", TarConstants.LF_CHR, 0666, 1, 3);
            dir(t, "./etc/");
            dir(t, "./etc/default/");
            file(t, "./etc/hostname", "userland\n", 0644, 0, 0);
            file(t, "./etc/machine-id", "", 0444, 0, 0);
            dir(t, "./run/");
            dir(t, "./usr/");
            dir(t, "./usr/bin/");
            file(t, "./usr/bin/su", "setuid program", 04755, 0, 0);
            file(t, "./usr/bin/perl", "perl", 0755, 0, 0);
            link(t, "./usr/bin/perl5.36.0", "./usr/bin/perl", TarConstants.LF_LINK);
            dir(t, "./usr/lib/");
            dir(t, "./usr/lib/modules/");
            dir(t, "./var/");
            dir(t, "./var/log/");
            dir(t, "./var/log/journal/");
            file(t, "./var/log/journal/.keep", "", 0644, 0, 101);
            link(t, "./lib", "usr/lib", TarConstants.LF_SYMLINK);
            link(t, "./bin", "usr/bin", TarConstants.LF_SYMLINK);
            link(t, "./var/run", "/run", TarConstants.LF_SYMLINK);
        }
        return tar;
    }

    private static void dir(TarArchiveOutputStream t, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR);
        e.setMode(040755);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, String content, int mode, int uid, int gid)
            throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setMode(0100000 | mode);
        e.setSize(b.length);
        e.setUserId(uid);
        e.setGroupId(gid);
        t.putArchiveEntry(e);
        t.write(b);
        t.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream t, String name, String target, byte kind) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, kind);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void node(TarArchiveOutputStream t, String name, byte kind, int mode, int major, int minor)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, kind);
        e.setMode(0020000 | mode);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
