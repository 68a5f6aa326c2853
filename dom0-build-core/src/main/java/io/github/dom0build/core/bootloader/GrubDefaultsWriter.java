package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Changes one assignment of grub's defaults file ({@code etc/default/grub}) as data, the way
 * {@link GrubDefaults} reads it: the value of the last assignment of the variable is replaced (its
 * indentation, an {@code export} and a comment after it are kept), or one line is appended when the
 * file has none. Every other byte of the file stays as it was. Values are written single-quoted, so
 * the shell that grub-mkconfig sources the file with reads them back unchanged; a value that cannot be
 * single-quoted safely is refused.
 */
final class GrubDefaultsWriter {
    /** The note on a line this class appends, so that people reading the file know where it came from. */
    static final String NOTE = "  # set by dom0-build (xen:grub-update)";

    /** One change: the content after it, and the statement's text before (null: none) and after. */
    record Edit(String content, String previous, String written) {
        boolean changed() {
            return !written.equals(previous);
        }
    }

    private GrubDefaultsWriter() {
    }

    /**
     * {@code value} single-quoted. Refused, naming {@code parameter}: a single quote, a line break or any
     * other character outside printable ASCII (a command line is ASCII; the file is read byte by byte).
     */
    static String quote(String value, String parameter) throws BuildException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\'') {
                String what = c == '\'' ? "a single quote" : c == '\n' || c == '\r' ? "a line break"
                        : c < 0x20 || c == 0x7f ? "the control character " + Printable.escape(String.valueOf(c))
                                : "the non-ASCII character '" + c + "'";
                throw new BuildException(parameter + " '" + Printable.escape(value) + "' has " + what + " at position "
                        + (i + 1) + ": dom0-build writes it into grub's defaults single-quoted, and that cannot be"
                        + " done safely with " + what + ". Nothing was changed.", "write " + parameter
                                + " with printable ASCII characters and without single quotes (Xen's and Linux's"
                                + " command lines need neither)");
            }
        }
        return "'" + value + "'";
    }

    /** {@code content} with {@code name} set to {@code value} (see the class comment). */
    static Edit set(String content, Path file, String name, String value, String parameter) throws BuildException {
        String quoted = quote(value, parameter);
        GrubDefaults.Statement last = last(content, name);
        if (last == null) {
            String line = name + "=" + quoted + NOTE;
            String sep = content.isEmpty() || content.endsWith("\n") ? "" : "\n";
            return new Edit(content + sep + line + "\n", null, line);
        }
        if (!last.literal()) {
            throw new BuildException(file + " line " + last.line() + ": " + Printable.escape(last.stripped())
                    + " needs a shell to evaluate (" + last.why() + "), so dom0-build, which edits the file as data,"
                    + " will not rewrite it for " + parameter + ". Nothing was changed.", "write " + name
                            + " out literally in " + file + " (or remove that line), then run again");
        }
        String previous = content.substring(last.start(), last.end());
        String written = content.substring(last.start(), last.valueStart()) + quoted
                + content.substring(last.valueEnd(), last.end());
        return new Edit(content.substring(0, last.start()) + written + content.substring(last.end()), previous,
                written);
    }

    /**
     * {@code content} with the statement whose text is {@code current} replaced by {@code replacement}, or
     * its line removed when {@code replacement} is null; null when no statement of {@code name} reads
     * {@code current} (the file was changed since).
     */
    static String replace(String content, String name, String current, String replacement) {
        for (GrubDefaults.Statement s : GrubDefaults.statements(content)) {
            if (name.equals(s.name()) && content.substring(s.start(), s.end()).equals(current)) {
                if (replacement != null) {
                    return content.substring(0, s.start()) + replacement + content.substring(s.end());
                }
                int after = s.end() < content.length() ? s.end() + 1 : s.end();
                return content.substring(0, s.start()) + content.substring(after);
            }
        }
        return null;
    }

    /** The value of the last assignment of {@code name} that is plain data, or null. */
    static String value(String content, String name) {
        GrubDefaults.Statement s = last(content, name);
        return s == null ? null : s.value();
    }

    /** The last assignment of {@code name}: the one the shell keeps. */
    static GrubDefaults.Statement last(String content, String name) {
        GrubDefaults.Statement found = null;
        for (GrubDefaults.Statement s : GrubDefaults.statements(content)) {
            if (name.equals(s.name())) {
                found = s;
            }
        }
        return found;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) : "";
    }

    /**
     * Writes {@code content} to {@code file} so that readers see the old file or the whole new one: a
     * temporary file beside it ({@code <name>.dom0-build-new}, the name the install journal knows) with
     * the old file's permissions (0644 for a new file), flushed to disk, renamed over it.
     */
    static void write(Path file, String content) throws IOException {
        Path tmp = temporary(file);
        Set<PosixFilePermission> mode = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.deleteIfExists(tmp); // what a run killed while writing left
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.ISO_8859_1));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".dom0-build-new");
    }
}
