package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grub's defaults file edited as data: one assignment changed, every other byte kept, values quoted so
 * that the shell grub-mkconfig sources the file with reads them back unchanged (checked with a real
 * {@code sh}), and written by rename.
 */
class GrubDefaultsWriterTest {
    /** A defaults file with what real ones have: comments, export, CRLF, a Latin-1 byte, a multi-line value. */
    private static final String FILE = "# If you change this file, run 'update-grub' afterwards\r\n"
            + "GRUB_DEFAULT=0\n"
            + "GRUB_TIMEOUT=5\t\n"
            + "\n"
            + "  export GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=1G\"   # Xen's memory\n"
            + "GRUB_CMDLINE_LINUX=\"console=tty0\n  quiet\"\n"
            + "# caf\u00e9 GRUB_DEFAULT=7\n"
            + "GRUB_DISABLE_RECOVERY=\"true\"";
    private static final Path FILE_PATH = Path.of("etc/default/grub");

    @TempDir
    Path tmp;

    @Test
    void replacesOnlyTheValueAndKeepsEveryOtherByte() throws Exception {
        GrubDefaultsWriter.Edit e = GrubDefaultsWriter.set(FILE, FILE_PATH, "GRUB_CMDLINE_XEN_DEFAULT",
                "dom0_mem=4G,max:4G dom0_max_vcpus=2", "xenCommandLine");
        String statement = "  export GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=1G\"   # Xen's memory";
        assertThat(e.previous()).isEqualTo(statement);
        assertThat(e.written()).isEqualTo("  export GRUB_CMDLINE_XEN_DEFAULT='dom0_mem=4G,max:4G dom0_max_vcpus=2'"
                + "   # Xen's memory");
        assertThat(e.content()).isEqualTo(FILE.replace(statement, e.written()));
    }

    @Test
    void replacesAValueThatGoesOnOverLinesAsOneStatement() throws Exception {
        GrubDefaultsWriter.Edit e = GrubDefaultsWriter.set(FILE, FILE_PATH, "GRUB_CMDLINE_LINUX", "console=hvc0",
                "dom0CommandLine");
        assertThat(e.previous()).isEqualTo("GRUB_CMDLINE_LINUX=\"console=tty0\n  quiet\"");
        assertThat(e.content()).isEqualTo(FILE.replace("GRUB_CMDLINE_LINUX=\"console=tty0\n  quiet\"",
                "GRUB_CMDLINE_LINUX='console=hvc0'"));
    }

    @Test
    void appendsOneLineWhenTheFileHasNoneAndEndsItsLastLineFirst() throws Exception {
        GrubDefaultsWriter.Edit e = GrubDefaultsWriter.set(FILE, FILE_PATH, "GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT",
                "console=hvc0", "dom0CommandLine");
        assertThat(e.previous()).isNull();
        assertThat(e.content()).isEqualTo(FILE + "\nGRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT='console=hvc0'"
                + GrubDefaultsWriter.NOTE + "\n");
        assertThat(GrubDefaultsWriter.set("", FILE_PATH, "GRUB_DEFAULT", "x", "p").content())
                .isEqualTo("GRUB_DEFAULT='x'" + GrubDefaultsWriter.NOTE + "\n");
    }

    @Test
    void changesTheLastAssignmentTheOneTheShellKeeps() throws Exception {
        String twice = "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_DEFAULT=saved\n";
        GrubDefaultsWriter.Edit e = GrubDefaultsWriter.set(twice, FILE_PATH, "GRUB_DEFAULT", "xen-gnulinux-simple-4f1e",
                "xenDefault");
        assertThat(e.content()).isEqualTo("GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_DEFAULT='xen-gnulinux-simple-4f1e'\n");
        assertThat(e.previous()).isEqualTo("GRUB_DEFAULT=saved");
        // the commented-out GRUB_DEFAULT=7 in FILE is a comment, not an assignment
        assertThat(GrubDefaultsWriter.value(FILE, "GRUB_DEFAULT")).isEqualTo("0");
    }

    @Test
    void theShellReadsEveryValueBackUnchanged() throws Exception {
        String value = "dom0_mem=2G,max:2G $HOME `id` \"x\" ; a>b & c|d \\ * ? ~ # end";
        String content = GrubDefaultsWriter.set(FILE.replace("\r\n", "\n"), FILE_PATH, "GRUB_CMDLINE_XEN_DEFAULT",
                value, "xenCommandLine").content();
        content = GrubDefaultsWriter.set(content, FILE_PATH, "GRUB_DEFAULT", "gnulinux-advanced-4f1e>xen-hypervisor"
                + "-4.17.5-4f1e>xen-gnulinux-6.1.0-dom0-advanced-4f1e", "xenDefault").content();
        Path file = tmp.resolve("grub");
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        // as grub-mkconfig reads it: sourced by sh; the file's path is an argument, never part of the script
        Process p = new ProcessBuilder("sh", "-c", ". \"$1\"; printf '%s\\n%s' \"$GRUB_CMDLINE_XEN_DEFAULT\""
                + " \"$GRUB_DEFAULT\"", "sh", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo(value + "\ngnulinux-advanced-4f1e>xen-hypervisor-4.17.5-4f1e>"
                + "xen-gnulinux-6.1.0-dom0-advanced-4f1e");
        // and as dom0-build reads a root's file: as data, the same values
        Map<String, String> read = GrubDefaults.read(file, true, new RecordingLog());
        assertThat(read).containsEntry("GRUB_CMDLINE_XEN_DEFAULT", value).containsEntry("GRUB_TIMEOUT", "5");
    }

    @Test
    void refusesWhatCannotBeSingleQuotedNamingTheParameter() {
        for (String[] bad : List.of(new String[] {"dom0_mem='2G'", "a single quote at position 10"},
                new String[] {"console=hvc0\nGRUB_X=1", "a line break at position 13"},
                new String[] {"console=hvc0\r", "a line break at position 13"},
                new String[] {"a\tb", "the control character \\x09 at position 2"},
                new String[] {"caf\u00e9", "the non-ASCII character '\u00e9' at position 4"})) {
            BuildException e = assertThrows(BuildException.class, () -> GrubDefaultsWriter.set(FILE, FILE_PATH,
                    "GRUB_CMDLINE_XEN_DEFAULT", bad[0], "xenCommandLine"), bad[1]);
            assertThat(e.problem()).as(bad[1]).startsWith("xenCommandLine '").contains("has " + bad[1])
                    .endsWith("Nothing was changed.");
            assertThat(e.fix()).contains("xenCommandLine").contains("without single quotes");
        }
    }

    @Test
    void refusesToRewriteAnAssignmentThatNeedsAShell() {
        BuildException e = assertThrows(BuildException.class, () -> GrubDefaultsWriter.set(
                "GRUB_DEFAULT=0\nGRUB_CMDLINE_XEN_DEFAULT=\"$XEN_OPTS\"\n", FILE_PATH, "GRUB_CMDLINE_XEN_DEFAULT", "x",
                "xenCommandLine"));
        assertThat(e.problem()).isEqualTo("etc/default/grub line 2: GRUB_CMDLINE_XEN_DEFAULT=\"$XEN_OPTS\" needs a"
                + " shell to evaluate (a variable or command substitution), so dom0-build, which edits the file as"
                + " data, will not rewrite it for xenCommandLine. Nothing was changed.");
        assertThat(e.fix()).isEqualTo("write GRUB_CMDLINE_XEN_DEFAULT out literally in etc/default/grub (or remove"
                + " that line), then run again");
    }

    @Test
    void replaceFindsTheStatementAsWrittenOrSaysItChanged() throws Exception {
        GrubDefaultsWriter.Edit set = GrubDefaultsWriter.set(FILE, FILE_PATH, "GRUB_DEFAULT", "xen", "xenDefault");
        GrubDefaultsWriter.Edit added = GrubDefaultsWriter.set(set.content(), FILE_PATH, "GRUB_X", "1", "p");
        String back = GrubDefaultsWriter.replace(added.content(), "GRUB_X", added.written(), null);
        back = GrubDefaultsWriter.replace(back, "GRUB_DEFAULT", set.written(), set.previous());
        assertThat(back).isEqualTo(FILE + "\n"); // the line break before the added line stays
        assertThat(GrubDefaultsWriter.replace(FILE, "GRUB_DEFAULT", "GRUB_DEFAULT='xen'", "GRUB_DEFAULT=0")).isNull();
    }

    @Test
    void writesByRenameKeepingTheModeSoAReaderSeesTheOldOrTheNewFile() throws Exception {
        Path file = tmp.resolve("grub");
        Files.writeString(file, FILE, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(GrubDefaultsWriter.temporary(file), "left by a killed run");
        String next = GrubDefaultsWriter.set(FILE, file, "GRUB_DEFAULT", "xen", "xenDefault").content();
        try (InputStream old = Files.newInputStream(file)) {
            GrubDefaultsWriter.write(file, next);
            // a reader that had the file open still reads the whole old file: the new one came by rename
            assertThat(new String(old.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(FILE);
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).isEqualTo(next);
        assertThat(Files.readAllBytes(file)).contains(0xe9); // the Latin-1 byte is still one byte
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("grub");
        }
    }
}
