package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.log.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** A {@link BuildLog} that keeps its lines for assertions. */
final class CollectingLog implements BuildLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }
}
