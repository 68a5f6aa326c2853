package io.github.dom0build.core.patch;

import java.util.List;

/**
 * What {@link PatchApplier#apply} did.
 *
 * @param applied        the patches applied by this run, in order (empty when the series was already applied)
 * @param alreadyApplied true when the tree already carried the whole series and nothing was done
 * @param skipped        how many patches of the series the tree already carried and were not applied again
 */
public record PatchResult(List<AppliedPatch> applied, boolean alreadyApplied, int skipped) {
    public PatchResult {
        applied = List.copyOf(applied);
    }

    /**
     * One applied patch.
     *
     * @param name      its name in the series
     * @param sha256    its digest
     * @param files     the tree paths it created, changed, renamed or deleted
     * @param commitIds the commits made from it in a git tree (one per mail message), else empty
     */
    public record AppliedPatch(String name, String sha256, List<String> files, List<String> commitIds) {
        public AppliedPatch {
            files = List.copyOf(files);
            commitIds = List.copyOf(commitIds);
        }

        /** The (last) commit made from this patch, or {@code null} when none was made. */
        public String commitId() {
            return commitIds.isEmpty() ? null : commitIds.get(commitIds.size() - 1);
        }
    }
}
