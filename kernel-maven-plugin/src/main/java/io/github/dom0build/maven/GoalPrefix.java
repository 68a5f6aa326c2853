package io.github.dom0build.maven;

/**
 * This plugin's identity for the goals it shares with the xen plugin (their sources live in
 * plugin-common and are compiled into both): the property prefix and the default tree names.
 */
final class GoalPrefix {
    /** Goal prefix and the first part of every parameter's property: {@code kernel.url}. */
    static final String NAME = "kernel";
    /** Default source directory under {@code target/}. */
    static final String SOURCE_DIR = "linux";

    private GoalPrefix() {
    }
}
