package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole POMs the site shows (```xml blocks that are a {@code <project>}), so that a test builds the
 * very POM a reader copies, with only its source swapped for a fixture tree.
 */
public final class SitePoms {
    private static final Pattern XML_BLOCK = Pattern.compile("(?ms)^```xml\\n(.*?)^```");
    private static final Pattern APT_URL = Pattern.compile("<url>apt:[^<]+</url>");

    private SitePoms() {
    }

    public static Path site() {
        return Path.of(System.getProperty("it.siteDir", "../src/site")).toAbsolutePath();
    }

    /** The repository's README, which shows the quick start too. */
    public static Path readme() {
        return site().getParent().getParent().resolve("README.md");
    }

    /** The POM of {@code page} (under src/site/markdown) whose artifactId is {@code artifactId}. */
    public static String pom(String page, String artifactId) throws IOException {
        return pom(site().resolve("markdown").resolve(page), artifactId);
    }

    /** The POM of the Markdown file {@code doc} whose artifactId is {@code artifactId}. */
    public static String pom(Path doc, String artifactId) throws IOException {
        String page = doc.getFileName().toString();
        List<String> found = new ArrayList<>();
        Matcher m = XML_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
        while (m.find()) {
            String xml = m.group(1);
            if (xml.stripLeading().startsWith("<project") && xml.contains("<artifactId>" + artifactId + "</artifactId>")) {
                found.add(xml);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(page + " has " + found.size() + " POMs of " + artifactId + ", not one");
        }
        return found.get(0);
    }

    /**
     * The POM with its one {@code apt:} source replaced by the fixture tree {@code directory}, copied (a
     * directory source is otherwise built in place, and the fixtures must stay as they are).
     */
    public static String withSource(String pom, String directory) {
        Matcher m = APT_URL.matcher(pom);
        if (!m.find()) {
            throw new AssertionError("the POM has no <url>apt:...</url> to replace:\n" + pom);
        }
        return m.replaceFirst(Matcher.quoteReplacement("<url>" + directory + "</url><copy>true</copy>"));
    }

    /** The POM without comments, namespace and blank space between elements, to compare two pages' copies. */
    public static String normalized(String pom) {
        return pom.replaceAll("(?s)<!--.*?-->", "").replaceAll(" xmlns=\"[^\"]*\"", "").replaceAll(">\\s+<", "><")
                .strip();
    }
}
