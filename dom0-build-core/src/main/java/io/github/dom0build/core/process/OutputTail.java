package io.github.dom0build.core.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last lines a process printed, kept so that a failure can quote them without the whole log. */
final class OutputTail {
    private final int capacity;
    private final Deque<String> lines;
    private long total;

    OutputTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.max(1, capacity));
    }

    synchronized void add(String line) {
        total++;
        if (capacity == 0) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized long totalLines() {
        return total;
    }
}
