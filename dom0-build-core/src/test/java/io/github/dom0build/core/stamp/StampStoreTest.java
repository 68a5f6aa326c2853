package io.github.dom0build.core.stamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stamps carry a schemaVersion; another major is refused, an unversioned stamp of the same form is read. */
class StampStoreTest {
    record Sample(String name, List<String> values) {
    }

    @TempDir
    Path tree;

    @Test
    void aStampIsWrittenWithItsSchemaVersionFirstAndReadsBack() throws Exception {
        StampStore stamps = StampStore.in(tree);
        stamps.write("sample", new Sample("a", List.of("x", "y")));

        assertThat(stamps.path("sample")).content().startsWith("{\n  \"schemaVersion\": \"1.0\",\n  \"name\": \"a\",");
        assertThat(stamps.read("sample", Sample.class)).contains(new Sample("a", List.of("x", "y")));
    }

    @Test
    void anUnversionedStampOfTheSameFormIsReadAndADamagedOneCountsAsNone() throws Exception {
        StampStore stamps = StampStore.in(tree);
        Files.createDirectories(stamps.directory());
        Files.writeString(stamps.path("old"), "{\"name\": \"b\", \"values\": []}");
        Files.writeString(stamps.path("cut"), "{\"name\": ");

        assertThat(stamps.read("old", Sample.class)).contains(new Sample("b", List.of()));
        assertThat(stamps.read("cut", Sample.class)).isEmpty();
        assertThat(stamps.read("missing", Sample.class)).isEmpty();
    }

    @Test
    void aStampOfAnotherMajorVersionIsRefusedNamingItAndWhatToDo() throws Exception {
        StampStore stamps = StampStore.in(tree);
        Files.createDirectories(stamps.directory());
        Files.writeString(stamps.path("newer"), "{\"schemaVersion\": \"2.1\", \"name\": \"c\"}");

        assertThatThrownBy(() -> stamps.read("newer", Sample.class)).isInstanceOf(IOException.class)
                .hasMessageContaining(stamps.path("newer") + " has schemaVersion 2.1")
                .hasMessageContaining("reads schemaVersion 1.x")
                .hasMessageContaining("use a version of the dom0-build plugins that reads schemaVersion 2.x");
    }
}
