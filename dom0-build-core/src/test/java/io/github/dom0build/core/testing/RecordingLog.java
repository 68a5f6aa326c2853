package io.github.dom0build.core.testing;

import io.github.dom0build.core.log.BuildLog;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A log that keeps every line, for assertions on what the core reported. */
public final class RecordingLog implements BuildLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public synchronized void error(String message) {
        lines.add("ERROR " + message);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> lines(String level) {
        return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1))
                .collect(Collectors.toList());
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }
}
