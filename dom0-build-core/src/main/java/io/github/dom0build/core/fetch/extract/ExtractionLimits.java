package io.github.dom0build.core.fetch.extract;

public record ExtractionLimits(long maxBytes, long maxEntries) {
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(32L << 30, 2_000_000);
}
