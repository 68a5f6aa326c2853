package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.fetch.extract.EntryPaths.UnsafePathException;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPathsTest {
    private static final Predicate<String> DIRECTORIES = Set.of("a", "a/b", "a/b/c")::contains;

    @ParameterizedTest
    @CsvSource({
        "a/b/c, a/b/c",
        "a/b/, a/b",
        ".config/..x/.../y, .config/..x/.../y",
        "./a//b/./c/, a/b/c",
        "a//, a",
        "a/x/../b, a/b",
        "./, ''",
        ".., INVALID",
    })
    void normalizesNames(String name, String expected) throws Exception {
        if (expected.equals("INVALID")) {
            assertThatThrownBy(() -> EntryPaths.normalize(name)).isInstanceOf(UnsafePathException.class);
        } else {
            assertThat(EntryPaths.normalize(name)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "//x", "../x", "a/../../x", "a/\0b"})
    void refusesNamesThatLeave(String name) {
        assertThatThrownBy(() -> EntryPaths.normalize(name)).isInstanceOf(UnsafePathException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "a/b/link, ../x, a/x",
        "a/b/link, ../../x, x",
        "a/b/link, ., a/b",
        "a/b/link, ../.., ''",
        "a/b/link, c/../../b/c, a/b/c",
        "link, a/b/../b, a/b",
    })
    void resolvesLinkTargetsLexically(String link, String target, String expected) throws Exception {
        assertThat(EntryPaths.resolveLinkTarget(link, target, DIRECTORIES)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "a/b/link, ../../..",
        "link, ..",
        "link, /abs",
        "a/link, x/..",
        "a/link, b/c/d/../..",
        "link, ''",
    })
    void refusesLinkTargetsThatLeaveOrCannotBeChecked(String link, String target) {
        assertThatThrownBy(() -> EntryPaths.resolveLinkTarget(link, target, DIRECTORIES))
                .isInstanceOf(UnsafePathException.class);
    }

    @Test
    void quotesControlCharacters() {
        assertThat(ArchiveErrors.quote("a\nb\u001b[31m")).isEqualTo("'a\\x0ab\\x1b[31m'");
        assertThat(ArchiveErrors.quote("x".repeat(400))).endsWith("... (400 characters)'");
    }
}
