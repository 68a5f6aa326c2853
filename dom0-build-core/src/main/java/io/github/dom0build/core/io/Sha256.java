package io.github.dom0build.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 digests as lower-case hex, the form the POM, the cache and the metadata use. */
public final class Sha256 {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String of(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** The digest in canonical form, or {@code null} if {@code value} is not 64 hex digits. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("sha256:")) {
            v = v.substring("sha256:".length());
        }
        return HEX64.matcher(v).matches() ? v : null;
    }
}
