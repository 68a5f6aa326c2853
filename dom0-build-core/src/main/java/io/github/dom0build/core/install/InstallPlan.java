package io.github.dom0build.core.install;

import io.github.dom0build.core.archive.TreeEntry;
import java.util.List;

/** What an install would change, decided before anything changes. */
public record InstallPlan(List<Change> changes, int unchanged) {
    /** One path and what happens to it. */
    public record Change(TreeEntry entry, Action action) {
    }

    public enum Action {
        CREATE_DIRECTORY("create directory"),
        CREATE("create"),
        REPLACE("replace");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
