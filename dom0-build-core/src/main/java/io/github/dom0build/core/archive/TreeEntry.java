package io.github.dom0build.core.archive;

/**
 * One entry of a staged tree as it goes into an archive and its metadata: path relative to the tree
 * root ({@code boot/vmlinuz-6.1.0}), kind, normalised mode, size and sha256 (files only), and the
 * link target (links only).
 */
public record TreeEntry(String path, Kind kind, int mode, long size, String sha256, String linkTarget) {
    public enum Kind {
        DIRECTORY, FILE, SYMLINK
    }
}
