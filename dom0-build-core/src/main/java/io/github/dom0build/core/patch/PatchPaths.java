package io.github.dom0build.core.patch;

import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.text.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * File names from patch headers: git's C-style quoting, {@code -pN} stripping, and the checks that keep a
 * patch inside its tree. Names arrive as ISO-8859-1 chars (raw bytes) and leave as UTF-8-decoded paths.
 */
final class PatchPaths {
    static final String DEV_NULL = "/dev/null";

    private PatchPaths() {
    }

    /** A quoted name and the index just after its closing quote. */
    record Quoted(String value, int end) {
    }

    /**
     * Reads a git-quoted name ({@code "a/f\303\266o"}) starting at {@code start}, which must be the opening
     * quote; octal escapes become one char each (a byte). {@code null} when the quote is not closed.
     */
    static Quoted unquote(String s, int start) {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return new Quoted(b.toString(), i + 1);
            }
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'v' -> b.append('\u000b');
                case 'f' -> b.append('\f');
                case 'r' -> b.append('\r');
                case '0', '1', '2', '3' -> {
                    if (i + 1 < s.length() && isOctal(s.charAt(i)) && isOctal(s.charAt(i + 1))) {
                        b.append((char) (((e - '0') << 6) | ((s.charAt(i) - '0') << 3) | (s.charAt(i + 1) - '0')));
                        i += 2;
                    } else {
                        b.append(e);
                    }
                }
                default -> b.append(e);
            }
        }
        return null;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /**
     * The name without its first {@code strip} components, as GNU patch counts them (runs of slashes count
     * as one, a leading slash ends a first, empty component); {@code null} when there are not enough.
     */
    static String strip(String name, int strip) {
        String s = name;
        for (int i = 0; i < strip; i++) {
            int slash = s.indexOf('/');
            if (slash < 0) {
                return null;
            }
            s = s.substring(slash + 1);
            while (s.startsWith("/")) {
                s = s.substring(1);
            }
        }
        return s;
    }

    /**
     * Turns a name from a patch header into a clean tree path ("dir/file"), or refuses it: too few
     * components for the strip level, absolute, {@code ..}, or into {@code .git} or the stamp directory.
     */
    static String treePath(String raw, int strip, String patch, int line) throws PatchException {
        String stripped = strip(raw, strip);
        String shown = "'" + Printable.escape(Lines.utf8(raw)) + "'";
        String where = "Patch " + patch + (line > 0 ? " (line " + line + ")" : "");
        if (stripped == null || stripped.isBlank()) {
            throw new PatchException(patch, Lines.utf8(raw), where + " names the file " + shown
                    + ", which has too few path components to strip " + strip + " (-p" + strip + ").",
                    "set the strip level that matches how the patch was made: -p1 for git and most diffs"
                            + " (a/..., b/...), -p0 for diffs made from inside the tree");
        }
        if (raw.indexOf('\0') >= 0) {
            throw unsafe(patch, raw, where + " names " + shown + ", which has a NUL character: no file can have"
                    + " such a name.");
        }
        if (stripped.startsWith("/")) {
            throw unsafe(patch, raw, where + " names the absolute path " + shown + " (after -p" + strip + ").");
        }
        List<String> parts = new ArrayList<>();
        for (String part : stripped.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw unsafe(patch, raw, where + " names " + shown + ", which contains '..' and could reach"
                        + " outside the source tree.");
            }
            if (part.equalsIgnoreCase(".git")) {
                throw unsafe(patch, raw, where + " names " + shown + ", inside git's own .git directory.");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw unsafe(patch, raw, where + " names " + shown + ", which is the tree itself, not a file in it.");
        }
        if (parts.get(0).equals(StampStore.DIR_NAME)) {
            throw unsafe(patch, raw, where + " names " + shown + ", inside dom0-build's own "
                    + StampStore.DIR_NAME + " directory.");
        }
        return Lines.utf8(String.join("/", parts));
    }

    private static PatchException unsafe(String patch, String raw, String problem) {
        return new PatchException(patch, Lines.utf8(raw), problem + " Such a patch is refused.",
                "check where the patch came from: file names in a patch must be relative paths inside the source"
                        + " tree");
    }
}
