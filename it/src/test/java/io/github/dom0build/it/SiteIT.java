package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Commands;
import io.github.dom0build.it.harness.ItProject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The site as the README documents it: {@code mvn site site:stage} on a copy of this repository (its
 * POMs, the site sources and the plugins' main sources, which the parameter reference is generated
 * from), then every page of {@code target/staging} checked: each local link and image resolves to a
 * file, each {@code #anchor} to an id on its page, each page shows the manual's menu, and no page is
 * wider than a 1280 px window in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteIT {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("it.sourceRoot", "..")).toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("<(a|img|link|script)\\b[^>]*?\\s(href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\s(?:id|name)=\"([^\"]*)\"");

    private ItProject project;
    private Path staging;
    private final Map<Path, String> pages = new HashMap<>();

    @BeforeAll
    void stageTheSite() throws IOException {
        ItProject p = ItProject.empty("site");
        project = p;
        copySiteSources(SOURCE_ROOT, p.dir());
        // Offline but for the file: repository of the outer build, which resolved the site plugins
        // (the it module's test dependencies): the test never reaches a remote repository.
        BuildResult r = p.maven("site", "site:stage").offline().property("aether.offline.protocols", "file").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        staging = p.resolve("target/staging");
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".html")).toList()) {
                pages.put(f, Files.readString(f, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyLocalLinkAndImageOfTheStagedSiteResolves() {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> ids = new HashMap<>();
        int checked = 0;
        for (Map.Entry<Path, String> page : pages.entrySet()) {
            Matcher m = LINK.matcher(page.getValue());
            while (m.find()) {
                String link = m.group(3).replace("&amp;", "&");
                URI uri;
                try {
                    uri = URI.create(link);
                } catch (IllegalArgumentException e) {
                    broken.add(where(page.getKey()) + ": " + link + " (not a URI)");
                    continue;
                }
                if (uri.getScheme() != null || link.startsWith("//")) {
                    continue; // external: not this site's to check, and the test has no network
                }
                checked++;
                String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
                Path target = path.isEmpty() ? page.getKey() : page.getKey().getParent().resolve(path).normalize();
                if (Files.isDirectory(target)) {
                    target = target.resolve("index.html");
                }
                if (!target.startsWith(staging) || !Files.isRegularFile(target)) {
                    broken.add(where(page.getKey()) + ": " + link);
                } else if (uri.getFragment() != null && pages.containsKey(target)
                        && !ids.computeIfAbsent(target, t -> idsOf(pages.get(t))).contains(uri.getRawFragment())) {
                    broken.add(where(page.getKey()) + ": " + link + " (no such anchor in " + where(target) + ")");
                }
            }
        }
        System.out.printf("SiteIT: %d pages, %d local links checked, %d broken%n", pages.size(), checked, broken.size());
        assertThat(pages).hasSizeGreaterThan(40);
        assertThat(broken).as("broken links in " + staging).isEmpty();
    }

    @Test
    void everyPageShowsTheManualsMenu() {
        List<String> without = new ArrayList<>();
        for (Map.Entry<Path, String> page : pages.entrySet()) {
            String html = page.getValue();
            int nav = html.indexOf("<nav class=\"well sidebar-nav\">");
            String menu = nav < 0 ? "" : html.substring(nav, html.indexOf("</nav>", nav));
            if (!menu.contains(">User manual<") || !menu.contains(">Goals<") || !menu.contains(">Parameter reference<")) {
                without.add(where(page.getKey()));
            }
        }
        assertThat(without).as("pages without the manual's menu").isEmpty();
    }

    /**
     * One headless Chromium loads every page in turn into a frame 1280 px wide (a window of that width)
     * and lists those whose content is wider than the frame, which is what a table too wide for the
     * text column does to the page.
     */
    @Test
    void everyPageFitsA1280PxWindow() throws Exception {
        String list = pages.keySet().stream().map(f -> "\"" + project.dir().relativize(f) + "\"").sorted()
                .collect(Collectors.joining(","));
        Path check = project.resolve("width-check.html");
        Files.writeString(check, """
                <!DOCTYPE html><html><body><iframe id="f" style="width:1280px;height:900px;border:0"></iframe>
                <pre id="out"></pre><script>
                var pages = [%s], i = 0, wide = [], f = document.getElementById("f");
                f.onload = function() {
                  var d = f.contentDocument.documentElement;
                  if (d.scrollWidth > d.clientWidth) wide.push(pages[i] + " is " + d.scrollWidth + " px wide for " + d.clientWidth);
                  i++; next();
                };
                function next() {
                  if (i < pages.length) f.src = pages[i];
                  else document.getElementById("out").textContent = "WIDTH-CHECK " + i + " pages; too wide: [" + wide.join("; ") + "]";
                }
                next();
                </script></body></html>
                """.formatted(list), StandardCharsets.UTF_8);
        // --no-sandbox: the tests may run as root; the rest keeps Chromium off the network
        String dom = Commands.run(project.dir(), Duration.ofMinutes(5), "chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + project.resolve("chromium-profile"),
                "--allow-file-access-from-files", "--window-size=1400,1000", "--virtual-time-budget=300000",
                "--dump-dom", check.toUri().toString());
        Matcher m = Pattern.compile("WIDTH-CHECK (\\d+) pages; too wide: \\[([^\\]]*)]").matcher(dom);
        assertThat(m.find()).as("Chromium's page has no result:\n" + dom).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(pages.size());
        assertThat(m.group(2).replace("&gt;", ">")).as("pages wider than a 1280 px window").isEmpty();
    }

    private String where(Path page) {
        return staging.relativize(page).toString();
    }

    private static Set<String> idsOf(String html) {
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * What the site build reads: every POM, the site sources and the main sources (the plugins'
     * reference is generated from their Mojos); not the tests, the fixtures, the examples or any
     * earlier build output.
     */
    private static void copySiteSources(Path from, Path to) throws IOException {
        Set<Path> skipped = Set.of(from.resolve(".git"), from.resolve("it/src"), from.resolve("examples"),
                from.resolve("bench"));
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = d.getFileName().toString();
                if (skipped.contains(d) || name.equals("target") || (name.equals("test") && d.getParent().endsWith("src"))
                        || (!d.equals(from) && name.startsWith("."))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
