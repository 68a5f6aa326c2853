package io.github.dom0build.core.fetch.extract;

public record ExtractionResult(long entries, long bytes, String strippedPrefix) {
}
