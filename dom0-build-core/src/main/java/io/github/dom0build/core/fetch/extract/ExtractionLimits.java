package io.github.dom0build.core.fetch.extract;

/**
 * Upper bounds on what one archive may unpack to, so that a decompression bomb fails the build
 * instead of filling the disk. Bytes are counted as they are written, not taken from entry headers.
 *
 * @param maxBytes   most bytes of file content the archive may unpack to
 * @param maxEntries most entries (files, directories and links) the archive may contain
 */
public record ExtractionLimits(long maxBytes, long maxEntries) {
    /** Plugin parameter that sets {@link #maxBytes()}; named in the error message that asks to raise it. */
    public static final String MAX_BYTES_PARAMETER = "maxExtractedSize";
    /** Plugin parameter that sets {@link #maxEntries()}. */
    public static final String MAX_ENTRIES_PARAMETER = "maxExtractedEntries";

    /** 32 GiB and 2,000,000 entries: a Linux source tree is about 1.5 GB in 90,000 entries. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(32L << 30, 2_000_000L);

    public ExtractionLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_PARAMETER + " must be positive, not " + maxBytes);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException(MAX_ENTRIES_PARAMETER + " must be positive, not " + maxEntries);
        }
    }

    public ExtractionLimits withMaxBytes(long bytes) {
        return new ExtractionLimits(bytes, maxEntries);
    }

    public ExtractionLimits withMaxEntries(long entries) {
        return new ExtractionLimits(maxBytes, entries);
    }
}
