package io.github.dom0build.core.text;

/**
 * Text from untrusted sources (archive entry names, patch headers, files from a root) made safe to put
 * in a log line: control characters become {@code \xNN}, so a name cannot forge a line such as
 * {@code [INFO] BUILD SUCCESS} or move the terminal's cursor.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
