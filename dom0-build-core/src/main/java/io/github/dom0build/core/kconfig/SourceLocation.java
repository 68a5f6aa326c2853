package io.github.dom0build.core.kconfig;

/** A line in a Kconfig file, with the file relative to the source tree when it lies inside it. */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
