package io.github.dom0build.core.fetch.extract;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Lexical checks on entry names and link targets: everything here works on strings, so nothing on
 * disk (and no link created from the archive) can change the answer.
 */
final class EntryPaths {
    // On Windows a backslash separates too, so it must count when looking for "..".
    private static final Pattern SEPARATORS = Pattern.compile(File.separatorChar == '\\' ? "[/\\\\]" : "/");

    /** Longest link target accepted: Linux's PATH_MAX. */
    static final int MAX_LINK_TARGET = 4096;

    private EntryPaths() {
    }

    /** A name or target that would leave the destination; the message completes "entry 'x' ...". */
    static final class UnsafePathException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsafePathException(String rule) {
            super(rule, null, false, false);
        }
    }

    /**
     * The entry's path relative to the destination, with {@code .} and empty components removed and
     * {@code ..} applied: {@code ./a//b/} becomes {@code a/b}, and {@code ./} becomes the empty string
     * (the destination itself).
     */
    static String normalize(String name) throws UnsafePathException {
        if (name.indexOf('\0') >= 0) {
            throw new UnsafePathException("has a NUL character in its name");
        }
        if (isAbsolute(name)) {
            throw new UnsafePathException("has an absolute path; only relative paths inside the destination"
                    + " directory are extracted");
        }
        if (isPlain(name)) {
            return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        }
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(name)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new UnsafePathException("would be written outside the destination directory: its"
                            + " path climbs out with '..'");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * True for the common case that needs no rewriting: no empty, "." or ".." components and no
     * backslash (which Windows would treat as a separator), at most one trailing slash.
     */
    private static boolean isPlain(String name) {
        int start = 0;
        int length = name.endsWith("/") ? name.length() - 1 : name.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i <= length; i++) {
            if (i < length && name.charAt(i) == '\\') {
                return false;
            }
            if (i == length || name.charAt(i) == '/') {
                int n = i - start;
                if (n == 0 || n == 1 && name.charAt(start) == '.'
                        || n == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Where a symbolic link at {@code linkPath} (normalized) points, relative to the destination, or
     * the empty string for the destination itself. A {@code ..} is only followed back out of a
     * component that {@code isDirectory} confirms is a real directory from this archive: going up out
     * of a link lands wherever that link points, which the lexical view cannot know.
     */
    static String resolveLinkTarget(String linkPath, String target, Predicate<String> isDirectory)
            throws UnsafePathException {
        if (target.isEmpty()) {
            throw new UnsafePathException("is a symbolic link with an empty target");
        }
        if (target.length() > MAX_LINK_TARGET) {
            throw new UnsafePathException("is a symbolic link whose target is longer than " + MAX_LINK_TARGET
                    + " characters");
        }
        if (target.indexOf('\0') >= 0) {
            throw new UnsafePathException("is a symbolic link with a NUL character in its target");
        }
        if (isAbsolute(target)) {
            throw new UnsafePathException("is a symbolic link to the absolute path " + ArchiveErrors.quote(target)
                    + "; only relative links that stay inside the extracted tree are allowed");
        }
        List<String> parts = new ArrayList<>(List.of(SEPARATORS.split(linkPath)));
        parts.remove(parts.size() - 1); // the link's own name: targets start in its directory
        int realPrefix = parts.size(); // the link's directories exist and are not links
        for (String part : SEPARATORS.split(target)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!part.equals("..")) {
                parts.add(part);
                continue;
            }
            if (parts.isEmpty()) {
                throw new UnsafePathException("is a symbolic link to " + ArchiveErrors.quote(target) + ", which"
                        + " points outside the destination directory");
            }
            String leaving = String.join("/", parts);
            if (parts.size() > realPrefix && !isDirectory.test(leaving)) {
                throw new UnsafePathException("is a symbolic link to " + ArchiveErrors.quote(target) + ", which"
                        + " goes back up out of " + ArchiveErrors.quote(leaving) + " with '..', but "
                        + ArchiveErrors.quote(leaving) + " is not a"
                        + " directory extracted earlier from this archive (it may be a link), so where the link"
                        + " ends cannot be checked");
            }
            parts.remove(parts.size() - 1);
            realPrefix = Math.min(realPrefix, parts.size());
        }
        return String.join("/", parts);
    }

    static String topLevelName(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static boolean isAbsolute(String name) {
        if (name.startsWith("/")) {
            return true;
        }
        return File.separatorChar == '\\' && (name.startsWith("\\")
                || name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)));
    }
}
