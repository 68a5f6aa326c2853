/**
 * The patch step: applies an ordered series of unified diffs and {@code git format-patch} mails to a
 * source tree, all or nothing.
 *
 * <p>{@link io.github.dom0build.core.patch.PatchSeries} reads the series (a quilt {@code series} file, a
 * list, or a directory); {@link io.github.dom0build.core.patch.PatchApplier} applies it. The whole series is
 * first applied in memory, hunks placed as GNU patch places them (stated line, then the nearest offset,
 * then optional fuzz); only when every hunk of every patch fits is anything written, behind a journal that
 * the next run rolls back if this one is killed half way. In a git tree each patch (each mail) becomes a
 * commit with the mail's author, message and date, committed as {@code git am
 * --committer-date-is-author-date} would, so that the same series on the same base always gives the same
 * commit ids. A {@code patches} stamp records the applied series; reruns apply nothing, or only the patches
 * appended to the series.
 *
 * <p>Patch and file content is handled as ISO-8859-1 text, one char per byte, so that every byte
 * (line ends, any encoding) is matched and written back exactly.
 */
package io.github.dom0build.core.patch;
