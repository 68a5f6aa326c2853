package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether fetch may replace what is at the target: nothing, an empty directory, a link, or a
 * tree an earlier fetch made (it carries a fetch stamp). Anything else belongs to the user and is
 * only replaced with {@code force}, and then only where the {@link DeletionRule} allows (under the
 * build directory). Also sweeps up temporary trees an interrupted run left beside it.
 */
public final class TargetGuard {
    private TargetGuard() {
    }

    public static void ensureReplaceable(Path target, boolean force, DeletionRule rule)
            throws BuildException, IOException {
        if (Files.isSymbolicLink(target) || FileTrees.isMissingOrEmpty(target) || FetchStamp.read(target).isPresent()) {
            return;
        }
        if (force) {
            rule.check(target, "sourceDirectory");
            return;
        }
        throw new BuildException(target + " exists and was not made by fetch (it has no " + "fetch stamp); it is left as"
                + " it is.", "remove it, choose another sourceDirectory, or set force=true to replace it");
    }

    /**
     * Removes the temporary siblings of {@code target} that a killed fetch left: its half-made trees
     * ({@code purpose}: extract, clone, copy, link) and the previous tree that a replacement had renamed
     * aside but not yet deleted ({@code .old-}), which can be as large as a whole Linux tree.
     */
    public static void removeLeftovers(Path target, String purpose, BuildLog log) throws IOException {
        for (String kind : new String[] {purpose, FileTrees.OLD_TREE}) {
            for (Path leftover : FileTrees.leftoversOf(target, kind)) {
                log.warn("Removing " + leftover + ", left by an interrupted fetch");
                FileTrees.deleteRecursively(leftover);
            }
        }
    }
}
