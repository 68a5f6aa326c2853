package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A config file (fragment or base) as text: UTF-8, as Kconfig writes it. A byte-order mark, which some
 * editors put first, is dropped (Kconfig would take it for part of the first option's name); a file
 * that is not UTF-8 (Latin-1 from an old editor) fails naming the byte and its line, not with a decoder
 * exception.
 */
final class ConfigText {
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private ConfigText() {
    }

    /** @param what the file's role for messages: "config fragment", "configFile" */
    static String read(Path file, String what) throws BuildException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BuildException("The " + what + " " + file + " does not exist.",
                    "Check the path in the plugin configuration.", e);
        } catch (IOException e) {
            throw new BuildException("Cannot read the " + what + " " + file + ": " + e.getMessage(),
                    "check that it is a readable file", e);
        }
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(bytes, start);
            int line = 1;
            for (int i = start; i < bad; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new BuildException("The " + what + " " + file + " is not UTF-8 text: byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + " on line " + line + " is not valid UTF-8 (a file"
                    + " saved as Latin-1?).", "save it as UTF-8, for example: iconv -f latin1 -t utf-8 " + file
                            + " > fixed.config", e);
        }
    }

    /** The first byte that does not start a well-formed UTF-8 sequence (for the message). */
    private static int firstInvalid(byte[] b, int start) {
        int i = start;
        while (i < b.length) {
            int v = b[i] & 0xff;
            int more = v < 0x80 ? 0 : v >= 0xc2 && v < 0xe0 ? 1 : v >= 0xe0 && v < 0xf0 ? 2 : v >= 0xf0 && v < 0xf5 ? 3
                    : -1;
            if (more < 0) {
                return i;
            }
            for (int k = 1; k <= more; k++) {
                if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += more + 1;
        }
        return Math.max(start, b.length - 1);
    }
}
