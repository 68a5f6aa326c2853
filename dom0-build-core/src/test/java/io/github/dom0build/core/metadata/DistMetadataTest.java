package io.github.dom0build.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.testing.SampleMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata file as DistPackager writes it: layout, order, round trip, and the schema version check. */
class DistMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void theFileListsFilesAndLinksButNoDirectoriesAndReadsBackAsTheSameRecord() throws Exception {
        SampleMetadata.pack(tmp, "k", SampleMetadata.kernel());
        DistMetadata back = DistMetadata.read(tmp.resolve("k.json"));

        assertThat(back.archive().file()).isEqualTo("k.tar.gz");
        assertThat(back.files()).extracting(DistMetadata.FileEntry::path)
                .containsExactly("boot/config-6.1.176", "boot/vmlinuz", "boot/vmlinuz-6.1.176");
        DistMetadata.FileEntry link = back.files().get(1);
        assertThat(link.link()).isEqualTo("vmlinuz-6.1.176");
        assertThat(link.sha256()).isNull();
        assertThat(back.files().get(2).mode()).isEqualTo("0644");
        assertThat(back.files().get(2).size()).isEqualTo("kernel image".length());
        DistMetadata written = SampleMetadata.kernel();
        assertThat(back.sources()).isEqualTo(written.sources());
        assertThat(back.config()).isEqualTo(written.config());
        assertThat(back.tools()).isEqualTo(written.tools());
        assertThat(back.toolPackages()).isEqualTo(written.toolPackages());
    }

    @Test
    void fieldsComeInTheRecordsOrderWithTheLayoutOfTheEarlierFilesAndTheSameBytesTwice() throws Exception {
        SampleMetadata.pack(tmp, "a", SampleMetadata.kernel());
        SampleMetadata.pack(tmp, "b", SampleMetadata.kernel());
        String text = Files.readString(tmp.resolve("a.json"), StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\n  \"schemaVersion\": \"1.0\",\n  \"kind\": \"linux-kernel\",\n"
                + "  \"version\": \"6.1.176\",\n  \"project\": \"org.example:my-dom0-kernel:linux-kernel:1.0\",\n"
                + "  \"kernelRelease\": \"6.1.176\",\n  \"arch\": \"x86_64\",\n  \"sources\": {\n").endsWith("}\n");
        assertThat(text).contains("      \"mismatches\": []\n", "        \"strip\": 1\n      }\n    ]")
                .doesNotContain("null", " : ");
        assertThat(text.indexOf("\"tools\"")).isLessThan(text.indexOf("\"environment\""));
        assertThat(text.indexOf("\"environment\"")).isLessThan(text.indexOf("\"archive\""));
        assertThat(text.indexOf("\"gcc\"")).as("maps keep their order").isLessThan(text.indexOf("\"ld\""));
        // the archives embed the same timestamp and content, so the two metadata differ only in the name
        assertThat(Files.readString(tmp.resolve("b.json"))).isEqualTo(text.replace("a.tar.gz", "b.tar.gz"));
    }

    @Test
    void aNewerMinorVersionWithFieldsThisReaderDoesNotKnowIsRead() throws Exception {
        Path file = tmp.resolve("newer.json");
        Files.writeString(file, """
                {"schemaVersion": "1.7", "kind": "xen", "version": "4.19.0", "laterField": {"x": 1},
                 "archive": {"file": "x.tar.gz", "sha256": "%s"}, "files": []}""".formatted(SampleMetadata.ORIG));

        DistMetadata md = DistMetadata.read(file);

        assertThat(md.version()).isEqualTo("4.19.0");
        assertThat(md.architecture()).as("absent: the default").isEqualTo("x86_64");
    }

    @Test
    void anUnknownMajorVersionIsRefusedNamingTheFileBothVersionsAndWhatToDo() throws Exception {
        Path file = tmp.resolve("future.json");
        Files.writeString(file, "{\"schemaVersion\": \"2.0\", \"kind\": \"xen\", \"version\": \"5\"}");

        assertThatThrownBy(() -> DistMetadata.read(file)).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).contains(file.toString(), "schemaVersion 2.0", "reads schemaVersion 1.x");
            assertThat(e.fix()).contains("use a version of the dom0-build plugins that reads schemaVersion 2.x");
        });
    }

    @Test
    void aFileWithoutSchemaVersionOrWithAMalformedOneIsRefused() throws Exception {
        Path old = tmp.resolve("old.json");
        Files.writeString(old, "{\"format\": 1, \"kind\": \"xen\", \"version\": \"4.17.5\"}");
        assertThatThrownBy(() -> DistMetadata.read(old)).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).contains(old.toString(), "has no schemaVersion", "reads schemaVersion 1.x");
            assertThat(e.fix()).contains("rebuild");
        });
        Path odd = tmp.resolve("odd.json");
        Files.writeString(odd, "{\"schemaVersion\": \"one\"}");
        assertThatThrownBy(() -> DistMetadata.read(odd)).isInstanceOf(BuildException.class)
                .hasMessageContaining("\"one\", which is not of the form major.minor");
    }

    @Test
    void aDamagedOrMissingFileIsReportedAsSuch() throws Exception {
        Path file = tmp.resolve("broken.json");
        Files.writeString(file, "{\"schemaVersion\": \"1.0\", ");
        assertThatThrownBy(() -> DistMetadata.read(file)).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).startsWith("Cannot read the dom0-build metadata " + file);
            assertThat(e.fix()).contains("rebuild the artifact");
        });
        Path wrong = tmp.resolve("wrong.json");
        Files.writeString(wrong, "{\"schemaVersion\": \"1.0\", \"files\": {\"path\": 1}}");
        assertThatThrownBy(() -> DistMetadata.read(wrong)).isInstanceOf(BuildException.class)
                .hasMessageContaining("does not have the expected form");
        assertThatThrownBy(() -> DistMetadata.read(tmp.resolve("missing.json"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("missing.json does not exist");
    }
}
