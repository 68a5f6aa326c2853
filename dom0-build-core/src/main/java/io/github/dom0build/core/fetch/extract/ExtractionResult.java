package io.github.dom0build.core.fetch.extract;

/**
 * What an extraction produced.
 *
 * @param entryCount     entries extracted, directories and links included
 * @param bytesWritten   bytes of file content written (hard links count once)
 * @param strippedPrefix the single top-level directory that was stripped, without a slash (such as
 *                       {@code linux-6.1.176}), or {@code null} when the entries did not share one
 */
public record ExtractionResult(long entryCount, long bytesWritten, String strippedPrefix) {
}
