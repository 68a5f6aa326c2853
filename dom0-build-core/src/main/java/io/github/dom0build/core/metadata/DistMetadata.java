package io.github.dom0build.core.metadata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The record that travels with a dom0 artifact (one JSON file beside the archive), in the spirit of
 * tuxmake's build metadata: what was built from what and how. It is the packagings' main artifact,
 * read by install-from-repository, the bundle and the SBOM, and by other tools: its form is published
 * as a JSON Schema ({@code dist-metadata.schema.json}). It holds nothing that varies between two builds
 * of the same inputs (no durations, no host names), so it is as reproducible as the archive.
 *
 * <p>{@code kind} says which fields apply: {@code linux-kernel} ({@code kernelRelease}, {@code arch},
 * {@code modules}), {@code xen} ({@code xenVersion}, {@code multibootImage} or {@code bootImage}) or
 * {@code dom0} (a bundle:
 * {@code components}, each part's own metadata). Fields are written in the order declared here.
 */
public record DistMetadata(
        String schemaVersion,
        String kind,
        String version,
        String project,
        String kernelRelease,
        String xenVersion,
        String arch,
        Sources sources,
        BuildConfig config,
        Modules modules,
        String multibootImage,
        String bootImage,
        List<Component> components,
        Map<String, String> tools,
        Map<String, ToolPackage> toolPackages,
        Map<String, String> makeVariables,
        Map<String, String> environment,
        Archive archive,
        List<FileEntry> files) {

    /** The version this code writes; it reads every {@code 1.x}. */
    public static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);
    /** What the messages call the file. */
    public static final String DOCUMENT = "dom0-build metadata";
    /** The architecture of a record that names none (the records before arm64 builds). */
    public static final String DEFAULT_ARCH = "x86_64";

    public static final String KERNEL = "linux-kernel";
    public static final String XEN = "xen";
    public static final String DOM0 = "dom0";

    /** The kernel's dist modules: where they are installed, how many, and {@code modules.order}. */
    public record Modules(String directory, int count, boolean stripped, List<String> order) {
    }

    /** One part of a bundle, with the part's own metadata as the part's file has it. */
    public record Component(String label, DistMetadata metadata) {
    }

    /** The distribution package a tool came from, as dpkg knows it. */
    public record ToolPackage(@JsonProperty("package") String packageName, String version, String arch) {
    }

    /** The archive this record describes, by name and digest. */
    public record Archive(String file, String sha256) {
    }

    /** One file of the archive: a regular file ({@code sha256}, {@code size}, {@code mode}) or a link. */
    public record FileEntry(String path, String link, String sha256, Long size, String mode) {
        public static FileEntry link(String path, String target) {
            return new FileEntry(path, target, null, null, null);
        }

        /** {@code mode}: the permission bits, written as four octal digits. */
        public static FileEntry file(String path, String sha256, long size, int mode) {
            return new FileEntry(path, null, sha256, size, String.format("%04o", mode));
        }
    }

    /** A record of only {@code kind} and {@code version} (tests, and parts written by hand). */
    public static DistMetadata of(String kind, String version) {
        return new DistMetadata(SCHEMA_VERSION.toString(), kind, version, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** The architecture the record names, {@value #DEFAULT_ARCH} when it names none. */
    @JsonIgnore // derived, not a field of the file
    public String architecture() {
        return arch != null ? arch : DEFAULT_ARCH;
    }

    @JsonIgnore // a question about the record, not a field of the file
    public boolean isBundle() {
        return DOM0.equals(kind);
    }

    /** The archive's own digest and every file in it (directories are not listed). */
    public DistMetadata withContents(String archiveName, String archiveSha256, List<FileEntry> listed) {
        return new DistMetadata(schemaVersion, kind, version, project, kernelRelease, xenVersion, arch, sources,
                config, modules, multibootImage, bootImage, components, tools, toolPackages, makeVariables, environment,
                new Archive(archiveName, archiveSha256), List.copyOf(listed));
    }

    public void write(Path file) throws BuildException {
        try {
            JsonDocuments.write(file, this);
        } catch (IOException e) {
            throw new BuildException("Cannot write " + file + ": " + e.getMessage(), "check that it is writable", e);
        }
    }

    /** Reads a metadata file of schema version 1.x; another major is refused with what to do. */
    public static DistMetadata read(Path file) throws BuildException {
        return JsonDocuments.read(file, DistMetadata.class, DOCUMENT, SCHEMA_VERSION);
    }
}
