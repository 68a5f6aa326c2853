package io.github.dom0build.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailParsingTest {
    @TempDir
    Path dir;

    private static final String FIRST = """
            From 4b825dc642cb6eb9a060e54bf8d69288fbee4904 Mon Sep 17 00:00:00 2001
            From: =?UTF-8?q?Ren=C3=A9=20M=C3=BCller?= <rene@example.com>
            Date: Mon, 3 Jun 2024 12:34:56 +0200
            Subject: [PATCH v2 1/2] xen/netback: fix the ring size
             computation for large pages
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            The ring was sized in 4k units.   Große Seiten brauchen mehr.

            Signed-off-by: René Müller <rene@example.com>
            ---
             drivers/net/xen-netback/common.h | 2 +-
             1 file changed, 1 insertion(+), 1 deletion(-)

            diff --git a/drivers/net/xen-netback/common.h b/drivers/net/xen-netback/common.h
            index 1111111..2222222 100644
            --- a/drivers/net/xen-netback/common.h
            +++ b/drivers/net/xen-netback/common.h
            @@ -1 +1 @@
            -#define RING 4096
            +#define RING PAGE_SIZE
            --\s
            2.39.5

            """;

    private static final String SECOND = """
            From 5c825dc642cb6eb9a060e54bf8d69288fbee4905 Mon Sep 17 00:00:00 2001
            From: "Doe, Jane" <jane@example.org>
            Date: Tue, 4 Jun 2024 08:00:00 -0700
            Subject: [PATCH v2 2/2] Re: [RFC] xen: add a note
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            From: Original Author <orig@example.net>

            Body line.
            ---
            diff --git a/NOTES b/NOTES
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/NOTES
            @@ -0,0 +1 @@
            +note
            --\s
            2.39.5

            """;

    private ParsedPatch parse(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return PatchParser.parse(new PatchFile(f, name, 1, Sha256.of(f)), new RecordingLog());
    }

    @Test
    void readsAFormatPatchMailAsGitMailinfoDoes() throws Exception {
        ParsedPatch p = parse("0001-fix.patch", FIRST);

        assertThat(p.units()).hasSize(1);
        MailMessage m = p.units().get(0).mail();
        assertThat(m.authorName()).isEqualTo("René Müller");
        assertThat(m.authorEmail()).isEqualTo("rene@example.com");
        assertThat(m.date()).isEqualTo(ZonedDateTime.parse("2024-06-03T12:34:56+02:00"));
        assertThat(m.subject()).isEqualTo("xen/netback: fix the ring size computation for large pages");
        assertThat(m.commitMessage()).isEqualTo("xen/netback: fix the ring size computation for large pages\n\n"
                + "The ring was sized in 4k units.   Große Seiten brauchen mehr.\n\n"
                + "Signed-off-by: René Müller <rene@example.com>\n");
        FileDiff d = p.units().get(0).files().get(0);
        assertThat(d.newPath()).isEqualTo("drivers/net/xen-netback/common.h");
        assertThat(d.hunks().get(0).newLines()).containsExactly("#define RING PAGE_SIZE\n");
        assertThat(d.hunks().get(0).patchLine()).isEqualTo(21);
    }

    @Test
    void splitsAnMboxIntoOneUnitPerMessage() throws Exception {
        ParsedPatch p = parse("series.mbox", FIRST + SECOND);

        assertThat(p.units()).extracting(PatchUnit::label)
                .containsExactly("series.mbox [1/2]", "series.mbox [2/2]");
        MailMessage second = p.units().get(1).mail();
        assertThat(second.subject()).isEqualTo("xen: add a note");
        assertThat(second.authorName()).isEqualTo("Original Author"); // the in-body From: wins
        assertThat(second.authorEmail()).isEqualTo("orig@example.net");
        assertThat(second.date().getOffset().getTotalSeconds()).isEqualTo(-7 * 3600);
        assertThat(second.commitMessage()).isEqualTo("xen: add a note\n\nBody line.\n");
        assertThat(p.units().get(1).files().get(0).kind()).isEqualTo(FileDiff.Kind.ADD);
    }

    @Test
    void skipsACoverLetterButNotAnotherMessageWithoutDiff() throws Exception {
        String cover = """
                From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
                From: Jane <jane@example.org>
                Date: Tue, 4 Jun 2024 08:00:00 +0000
                Subject: [PATCH v2 00/12] xen: a series

                Why this series.

                """;
        assertThat(parse("0000-cover-letter.patch", cover).units()).isEmpty();

        String noDiff = cover.replace("[PATCH v2 00/12]", "[PATCH 3/12]");
        assertThatThrownBy(() -> parse("0003-x.patch", noDiff)).isInstanceOf(PatchException.class)
                .hasMessageContaining("0003-x.patch").hasMessageContaining("contains no diff");
    }

    @Test
    void aQuiltPatchWithHeadersIsReadAsAMail() throws Exception {
        String text = "From: Q Hacker <q@example.org>\nSubject: fix build\n\nDescription.\n\n"
                + "Index: linux/a.c\n===================================================================\n"
                + "--- linux.orig/a.c\n+++ linux/a.c\n@@ -1 +1 @@\n-a\n+b\n";
        ParsedPatch p = parse("fix-build.patch", text);

        assertThat(p.units().get(0).mail().subject()).isEqualTo("fix build");
        assertThat(p.units().get(0).mail().commitMessage()).isEqualTo("fix build\n\nDescription.\n");
        assertThat(p.units().get(0).files().get(0).newPath()).isEqualTo("a.c");
    }

    @Test
    void decodesQuotedPrintableBodies() throws Exception {
        String text = "From: A <a@example.org>\nSubject: qp\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "Caf=C3=A9 =\nis open.\n---\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x=3D1\n+x=3D2\n";
        ParsedPatch p = parse("qp.patch", text);

        assertThat(p.units().get(0).mail().body()).isEqualTo("Café is open.");
        assertThat(p.units().get(0).files().get(0).hunks().get(0).newLines()).containsExactly("x=2\n");
    }

    @Test
    void refusesMultipartMails() {
        String text = "From: A <a@example.org>\nSubject: att\nContent-Type: multipart/mixed; boundary=x\n\n--x\n";
        assertThatThrownBy(() -> parse("att.patch", text)).isInstanceOf(PatchException.class)
                .hasMessageContaining("att.patch").hasMessageContaining("multipart");
    }

    @Test
    void aPlainDiffIsNoMail() throws Exception {
        ParsedPatch p = parse("plain.diff", "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");

        assertThat(p.units()).singleElement().satisfies(u -> assertThat(u.mail()).isNull());
        assertThatThrownBy(() -> parse("empty.diff", "nothing here\n")).isInstanceOf(PatchException.class)
                .hasMessageContaining("empty.diff contains no diff");
    }

    @Test
    void decodesEncodedWords() {
        assertThat(EncodedWords.decode("=?UTF-8?q?Ren=C3=A9?= Muster")).isEqualTo("René Muster");
        assertThat(EncodedWords.decode("=?utf-8?B?w6k=?=")).isEqualTo("é");
        // whitespace between adjacent words is dropped, and a character may span two words
        assertThat(EncodedWords.decode("=?UTF-8?q?a=C3?= =?UTF-8?q?=A9b?=")).isEqualTo("aéb");
        assertThat(EncodedWords.decode("=?ISO-8859-1?Q?J=F6rg?= <j@x>")).isEqualTo("Jörg <j@x>");
        assertThat(EncodedWords.decode("plain =?bogus-charset?q?x?= text"))
                .isEqualTo("plain =?bogus-charset?q?x?= text");
    }

    @Test
    void cleansSubjectsAsGitMailinfo() {
        assertThat(MailText.cleanSubject("[PATCH v3 04/17] x86/xen: foo")).isEqualTo("x86/xen: foo");
        assertThat(MailText.cleanSubject("Re: [RFC PATCH] [media] bar  baz")).isEqualTo("bar baz");
        assertThat(MailText.cleanSubject("RE: re: Fwd")).isEqualTo("Fwd");
        assertThat(MailText.cleanSubject("Revert \"foo\"")).isEqualTo("Revert \"foo\"");
    }

    @Test
    void stripsSpaceAsGitStripspace() {
        assertThat(MailText.stripSpace("\n\nSubject  \n\n\n\nbody \t\nmore\n\n")).isEqualTo("Subject\n\nbody\nmore\n");
        assertThat(MailText.stripSpace(" \n ")).isEmpty();
    }

    @Test
    void readsAuthorsLikeGit() {
        assertThat(MailInfo.author("Jane Doe <jane@x.org>")).containsExactly("Jane Doe", "jane@x.org");
        assertThat(MailInfo.author("jane@x.org (Jane Doe)")).containsExactly("Jane Doe", "jane@x.org");
        assertThat(MailInfo.author("\"Doe, Jane \\\"JD\\\"\" <jane@x.org>")).containsExactly("Doe, Jane \"JD\"",
                "jane@x.org");
        assertThat(MailInfo.author("<jane@x.org>")).containsExactly("jane@x.org", "jane@x.org");
    }

    @Test
    void readsRfc2822Dates() {
        assertThat(MailInfo.date("Thu, 1 Feb 2024 09:08:07 +0530 (IST)"))
                .isEqualTo(ZonedDateTime.parse("2024-02-01T09:08:07+05:30"));
        assertThat(MailInfo.date("1 Feb 2024 09:08 GMT")).isEqualTo(ZonedDateTime.parse("2024-02-01T09:08:00Z"));
        assertThat(MailInfo.date("yesterday")).isNull();
    }
}
