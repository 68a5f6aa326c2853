package io.github.dom0build.core.bootroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpioWriterTest {
    private static final long MTIME = 1717200000L;
    private static final byte[] INIT = "#!/bin/sh\necho hello from init\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONF = "XENSTORED=/usr/sbin/oxenstored\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private static byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioWriter w = new CpioWriter(out, MTIME)) {
            w.directory("bin", 0755);
            w.file("bin/busybox", 0755, "busybox binary".getBytes(StandardCharsets.US_ASCII));
            w.symlink("bin/sh", "/bin/busybox");
            w.directory("etc", 0755);
            w.file("etc/dom0-build-boot-test.conf", 0644, CONF);
            w.file("init", 0755, INIT);
            w.file("empty", 0600, new byte[0]);
        }
        return out.toByteArray();
    }

    /** One newc header, read the way the kernel's init/initramfs.c reads it. */
    record Header(long ino, long mode, long uid, long gid, long nlink, long mtime, long size, long nameSize,
            String name, byte[] data) {
    }

    private static List<Header> parse(byte[] b) {
        List<Header> out = new ArrayList<>();
        int at = 0;
        while (true) {
            String magic = new String(b, at, 6, StandardCharsets.US_ASCII);
            assertThat(magic).as("magic at " + at).isEqualTo("070701");
            long[] f = new long[13];
            for (int i = 0; i < 13; i++) {
                f[i] = Long.parseLong(new String(b, at + 6 + 8 * i, 8, StandardCharsets.US_ASCII), 16);
            }
            int nameSize = (int) f[11];
            String name = new String(b, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertThat(b[at + 110 + nameSize - 1]).as("name of " + name + " ends with NUL").isZero();
            int dataAt = align(at + 110 + nameSize);
            int size = (int) f[6];
            byte[] data = java.util.Arrays.copyOfRange(b, dataAt, dataAt + size);
            out.add(new Header(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[11], name, data));
            for (int i = at + 110 + nameSize; i < dataAt; i++) {
                assertThat(b[i]).as("name padding").isZero();
            }
            at = align(dataAt + size);
            if (name.equals("TRAILER!!!")) {
                break;
            }
        }
        assertThat(at).as("archive ends after the trailer, padded to 4").isEqualTo(b.length);
        return out;
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void writesNewcHeadersAsTheKernelReadsThem() throws Exception {
        byte[] b = archive();
        List<Header> h = parse(b);
        assertThat(h).extracting(Header::name).containsExactly("bin", "bin/busybox", "bin/sh", "etc",
                "etc/dom0-build-boot-test.conf", "init", "empty", "TRAILER!!!");
        assertThat(h).extracting(Header::mode).containsExactly(040755L, 0100755L, 0120777L, 040755L, 0100644L, 0100755L,
                0100600L, 0L);
        assertThat(h).extracting(Header::nlink).containsExactly(2L, 1L, 1L, 2L, 1L, 1L, 1L, 1L);
        assertThat(h).extracting(Header::ino).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 0L);
        for (Header e : h.subList(0, h.size() - 1)) {
            assertThat(e.uid()).isZero();
            assertThat(e.gid()).isZero();
            assertThat(e.mtime()).as(e.name()).isEqualTo(MTIME);
            assertThat(e.nameSize()).isEqualTo(e.name().getBytes(StandardCharsets.UTF_8).length + 1);
        }
        assertThat(new String(h.get(2).data(), StandardCharsets.UTF_8)).isEqualTo("/bin/busybox");
        assertThat(h.get(5).data()).isEqualTo(INIT);
        assertThat(h.get(4).data()).isEqualTo(CONF);
        assertThat(h.get(6).size()).isZero();
        assertThat(b.length % 4).isZero();
    }

    @Test
    void ownersSetIdBitsAndDeviceNodesAreKept() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = "su".getBytes(StandardCharsets.US_ASCII);
        try (CpioWriter w = new CpioWriter(out, MTIME)) {
            w.directory("var/log/journal", 02755, 0, 101);
            w.file("usr/bin/su", 04755, 0, 0, data.length, new java.io.ByteArrayInputStream(data));
            w.node("dev/console", RootEntry.Type.CHAR_DEVICE, 0600, 0, 5, 5, 1);
        }
        byte[] b = out.toByteArray();
        List<Header> h = parse(b);
        assertThat(h).extracting(Header::mode).containsExactly(042755L, 0104755L, 020600L, 0L);
        assertThat(h.get(0).gid()).isEqualTo(101);
        assertThat(h.get(2).gid()).isEqualTo(5);
        // rdevmajor and rdevminor are the 10th and 11th fields after the magic.
        int at = indexOfName(b, "dev/console") - 110 + 6;
        assertThat(Long.parseLong(new String(b, at + 8 * 9, 8, StandardCharsets.US_ASCII), 16)).isEqualTo(5);
        assertThat(Long.parseLong(new String(b, at + 8 * 10, 8, StandardCharsets.US_ASCII), 16)).isEqualTo(1);
    }

    @Test
    void aFileShorterThanItsSizeIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (CpioWriter w = new CpioWriter(new ByteArrayOutputStream(), MTIME)) {
                w.file("short", 0644, 0, 0, 10, new java.io.ByteArrayInputStream(new byte[3]));
            }
        }).isInstanceOf(java.io.EOFException.class).hasMessageContaining("short ended 7 bytes before its size 10");
    }

    private static int indexOfName(byte[] b, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i < b.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theSameContentsGiveTheSameBytes() throws Exception {
        assertThat(archive()).isEqualTo(archive());
    }

    private static String cpioTool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String name : List.of("cpio", "bsdcpio")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static String run(Path dir, Path stdin, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectInput(stdin.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theCpioToolListsAndExtractsIt() throws Exception {
        String cpio = cpioTool();
        org.junit.jupiter.api.Assumptions.assumeTrue(cpio != null,
                "no cpio or bsdcpio here; writesNewcHeadersAsTheKernelReadsThem checks the format");
        Path archive = tmp.resolve("initramfs.cpio");
        Files.write(archive, archive());
        Path out = Files.createDirectories(tmp.resolve("out"));

        String listing = run(out, archive, cpio, "-it");
        assertThat(listing.lines().filter(l -> !l.matches("\\d+ blocks?"))).containsExactly("bin", "bin/busybox",
                "bin/sh", "etc", "etc/dom0-build-boot-test.conf", "init", "empty");

        run(out, archive, cpio, "-idm");
        assertThat(Files.readAllBytes(out.resolve("init"))).isEqualTo(INIT);
        assertThat(Files.readAllBytes(out.resolve("etc/dom0-build-boot-test.conf"))).isEqualTo(CONF);
        assertThat(Files.readString(out.resolve("bin/busybox"))).isEqualTo("busybox binary");
        assertThat(Files.isSymbolicLink(out.resolve("bin/sh"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("bin/sh"))).isEqualTo(Path.of("/bin/busybox"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("init"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("empty"))))
                .isEqualTo("rw-------");
        assertThat(Files.size(out.resolve("empty"))).isZero();
        assertThat(Files.getLastModifiedTime(out.resolve("init")).toMillis() / 1000).isEqualTo(MTIME);
        Files.delete(out.resolve("bin/sh")); // JUnit warns about links leading out of its directory
    }
}
