package io.github.dom0build.core.bootroot;

import java.io.IOException;

/** Entry names as paths inside a root: relative, normalised, never above the root. */
final class RootPaths {
    private RootPaths() {
    }

    /** {@code ./usr/bin/} becomes {@code usr/bin}; {@code .} and {@code ./} become the empty root path. */
    static String normalize(String name, Object where) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException(where + ": entry " + printable(name) + " climbs out of the root with '..'");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A name with control characters shown as escapes, so that it cannot forge log lines. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
