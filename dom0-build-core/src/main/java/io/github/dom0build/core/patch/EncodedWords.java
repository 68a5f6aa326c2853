package io.github.dom0build.core.patch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 2047 encoded words in mail headers ({@code =?UTF-8?q?Ren=C3=A9?=}). */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([QqBb])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /**
     * Decodes every encoded word. White space between two encoded words is not text (RFC 2047 6.2), and a
     * character may be split across adjacent words, so their bytes are joined before decoding.
     */
    static String decode(String header) {
        Matcher m = WORD.matcher(header);
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        boolean afterWord = false;
        int pos = 0;
        while (m.find()) {
            String gap = header.substring(pos, m.start());
            Charset charset = charset(m.group(1));
            byte[] bytes = charset == null ? null : bytes(m.group(2), m.group(3));
            boolean joinsPrevious = afterWord && gap.isBlank();
            if (bytes == null) {
                flush(out, pending, pendingCharset);
                out.append(gap).append(m.group());
                afterWord = false;
            } else {
                if (!(joinsPrevious && charset.equals(pendingCharset))) {
                    flush(out, pending, pendingCharset);
                    if (!joinsPrevious) {
                        out.append(gap);
                    }
                }
                pending.writeBytes(bytes);
                pendingCharset = charset;
                afterWord = true;
            }
            pos = m.end();
        }
        flush(out, pending, pendingCharset);
        return out.append(header.substring(pos)).toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static Charset charset(String name) {
        int star = name.indexOf('*'); // RFC 2231 language suffix
        try {
            return Charset.forName(star < 0 ? name : name.substring(0, star));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static byte[] bytes(String encoding, String text) {
        if (encoding.equalsIgnoreCase("b")) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                b.write(' ');
            } else if (c == '=') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                b.write(hi << 4 | lo);
                i += 2;
            } else {
                b.write(c);
            }
        }
        return b.toByteArray();
    }
}
