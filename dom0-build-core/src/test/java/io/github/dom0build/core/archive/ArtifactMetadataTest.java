package io.github.dom0build.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactMetadataTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path tmp;

    private static List<TreeEntry> entries() {
        return List.of(
                new TreeEntry("boot", TreeEntry.Kind.DIRECTORY, 0755, 0, null, null),
                new TreeEntry("boot/xen-4.17.5.gz", TreeEntry.Kind.FILE, 0644, 1237261, SHA_A, null),
                new TreeEntry("boot/xen.gz", TreeEntry.Kind.SYMLINK, 0777, 0, null, "xen-4.17.5.gz"),
                new TreeEntry("usr", TreeEntry.Kind.DIRECTORY, 0755, 0, null, null),
                new TreeEntry("usr/sbin/xl", TreeEntry.Kind.FILE, 0755, 42, SHA_B, null));
    }

    @Test
    void filesListLeavesOutDirectoriesAndGivesLinksTheirTarget() {
        JsonObject json = new ArtifactMetadata("xen", "4.17.5").contents("dom0-xen.tar.gz", SHA_B, entries()).json();

        assertThat(json.getAsJsonObject("archive").get("file").getAsString()).isEqualTo("dom0-xen.tar.gz");
        assertThat(json.getAsJsonObject("archive").get("sha256").getAsString()).isEqualTo(SHA_B);
        JsonArray files = json.getAsJsonArray("files");
        assertThat(files).hasSize(3);
        JsonObject xen = files.get(0).getAsJsonObject();
        assertThat(xen.keySet()).containsExactly("path", "sha256", "size", "mode");
        assertThat(xen.get("path").getAsString()).isEqualTo("boot/xen-4.17.5.gz");
        assertThat(xen.get("sha256").getAsString()).isEqualTo(SHA_A);
        assertThat(xen.get("size").getAsLong()).isEqualTo(1237261);
        assertThat(xen.get("mode").getAsString()).isEqualTo("0644");
        JsonObject link = files.get(1).getAsJsonObject();
        assertThat(link.keySet()).containsExactly("path", "link");
        assertThat(link.get("path").getAsString()).isEqualTo("boot/xen.gz");
        assertThat(link.get("link").getAsString()).isEqualTo("xen-4.17.5.gz");
        JsonObject xl = files.get(2).getAsJsonObject();
        assertThat(xl.get("path").getAsString()).isEqualTo("usr/sbin/xl");
        assertThat(xl.get("mode").getAsString()).isEqualTo("0755");
    }

    @Test
    void keysKeepTheirOrderAndTheFileReadsBack() throws Exception {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("make", "GNU Make 4.3");
        tools.put("gcc", "gcc (Debian 12.2.0-14) 12.2.0");
        ArtifactMetadata m = new ArtifactMetadata("linux-kernel", "6.1.176").put("release", "6.1.176-dom0")
                .put("tools", tools).contents("k.tar.gz", SHA_A, entries());
        Path file = tmp.resolve("meta/k.json");
        m.write(file);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"format\": 1,\n  \"kind\": \"linux-kernel\",\n  \"version\": \"6.1.176\",\n"
                + "  \"release\": \"6.1.176-dom0\",\n  \"tools\": {\n    \"make\": \"GNU Make 4.3\",\n").endsWith("}\n");
        JsonObject back = ArtifactMetadata.read(file);
        assertThat(back).isEqualTo(m.json());
        assertThat(back.keySet()).containsExactly("format", "kind", "version", "release", "tools", "archive", "files");

        // Written again from the same inputs: the same bytes.
        Path again = tmp.resolve("meta/again.json");
        new ArtifactMetadata("linux-kernel", "6.1.176").put("release", "6.1.176-dom0").put("tools", tools)
                .contents("k.tar.gz", SHA_A, entries()).write(again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aDamagedFileIsReportedAsSuch() throws Exception {
        Path file = tmp.resolve("broken.json");
        Files.writeString(file, "{\"format\": 1, ");
        assertThatThrownBy(() -> ArtifactMetadata.read(file)).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot read the metadata " + file)
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("rebuild the artifact"));
        assertThatThrownBy(() -> ArtifactMetadata.read(tmp.resolve("missing.json"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot read the metadata");
    }
}
