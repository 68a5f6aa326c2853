package io.github.dom0build.core.patch;

import java.util.List;

/** A patch file read into its commits' worth of diffs; empty only for a lone cover letter. */
record ParsedPatch(PatchFile file, List<PatchUnit> units) {
    ParsedPatch {
        units = List.copyOf(units);
    }
}
