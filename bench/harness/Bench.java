import com.sun.net.httpserver.HttpServer;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.fetch.SourceSpecs;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parts of the benchmark that time the core library directly, without Maven around it (bench/run
 * launches this file with {@code java -cp <core classes and dependencies> Bench.java}):
 *
 * <pre>
 * lines N REPS             ProcessRunner streaming N lines into a log vs. the same command into /dev/null
 * git-clone URL DIR BOOL   JGit clone (shallow or not) through the fetch code; prints seconds
 * cache-hit ARCHIVE SHA256 DIR  an archive fetched over loopback HTTP twice with one cache; prints bytes sent each time
 * report RESULTS MACHINE MD SVG  the table (markdown) and the chart (SVG) from bench/run's samples
 * </pre>
 *
 * Results go to stderr as {@code key value} lines; stdout is the "build log" and should be redirected.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "lines" -> lines(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "git-clone" -> gitClone(args[1], Path.of(args[2]), Boolean.parseBoolean(args[3]));
            case "cache-hit" -> cacheHit(Path.of(args[1]), args[2], Path.of(args[3]));
            case "report" -> Report.write(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static final long START = System.nanoTime();
    private static final boolean TIMESTAMPS = Boolean.getBoolean("bench.timestamps");

    /** Maven's console logger, as far as the cost per line goes: a level prefix, println on System.out. */
    static final class ConsoleLog implements BuildLog {
        private final PrintStream out = System.out;

        public void debug(String m) {
        }

        public void info(String m) {
            out.println(TIMESTAMPS ? String.format("%8.3f [INFO] %s", (System.nanoTime() - START) / 1e9, m) : "[INFO] " + m);
        }

        public void warn(String m) {
            out.println("[WARNING] " + m);
        }

        public void error(String m) {
            out.println("[ERROR] " + m);
        }
    }

    /** The runner's own cost per line: everything but the printing. */
    static final class DiscardingLog implements BuildLog {
        public void debug(String m) {
        }

        public void info(String m) {
        }

        public void warn(String m) {
        }

        public void error(String m) {
        }
    }

    // A line as long as a typical kernel build line ("  CC      drivers/...o").
    private static final String LINE = "  CC      drivers/xen/events/events_base.o arch/x86/xen/enlighten_pv.o";

    private static void lines(int n, int reps) throws Exception {
        String script = "yes '" + LINE + "' | head -n " + n;
        ProcessRunner runner = new ProcessRunner(new ConsoleLog());
        ProcessRunner discarding = new ProcessRunner(new DiscardingLog());
        for (int i = 1; i <= reps; i++) {
            long t0 = System.nanoTime();
            runner.run(Command.of("sh", "-c", script).logPrefix("[make] ").build());
            double streamed = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            discarding.run(Command.of("sh", "-c", script).logPrefix("[make] ").build());
            double runnerOnly = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("sh exited " + p.exitValue());
            }
            double devnull = (System.nanoTime() - t0) / 1e9;
            System.err.printf("lines_streamed %.3f%nlines_runner_only %.3f%nlines_devnull %.3f%n", streamed,
                    runnerOnly, devnull);
        }
        long maxHeapUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.err.printf("lines_heap_used_mib %d%n", maxHeapUsed >> 20);
    }

    private static void gitClone(String url, Path dir, boolean shallow) throws Exception {
        long t0 = System.nanoTime();
        new SourceFetcher(new ConsoleLog()).fetch(FetchRequest.builder(new GitSource(url, null, null), dir)
                .shallow(shallow).build());
        System.err.printf("jgit_clone %.3f%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void cacheHit(Path archive, String sha256, Path work) throws Exception {
        AtomicLong sent = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long size = Files.size(archive);
            exchange.sendResponseHeaders(200, size);
            try (OutputStream os = exchange.getResponseBody()) {
                sent.addAndGet(Files.copy(archive, os));
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + archive.getFileName();
            Path cache = work.resolve("cache");
            for (String run : new String[] {"miss", "hit"}) {
                long before = sent.get();
                long t0 = System.nanoTime();
                Path target = work.resolve("tree-" + run);
                new SourceFetcher(new ConsoleLog()).fetch(FetchRequest.builder(
                        SourceSpecs.parse(url, null, null, sha256, false, work), target).cacheDirectory(cache).build());
                System.err.printf("cache_%s_bytes %d%ncache_%s_seconds %.3f%n", run, sent.get() - before, run,
                        (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            server.stop(0);
        }
    }

    private Bench() {
    }

    /** The figures, their targets, the table and the chart. */
    static final class Report {
        /** One figure: a ratio of a over b; target is the highest ratio that meets it, null for none. */
        record Figure(String key, String label, String unit, Double target) {
        }

        static final List<Figure> FIGURES = List.of(
                new Figure("overhead_fixture", "Overhead, Xen fixture: plugin `mvn install` / the same commands in a shell", "s", 1.02),
                new Figure("overhead_xen", "Overhead, Xen 4.17 hypervisor: plugin `mvn install` / the same commands in a shell", "s", 1.02),
                new Figure("noop_fixture", "No-op rebuild, Xen fixture: second `mvn install` / cold", "s", 0.03),
                new Figure("noop_xen", "No-op rebuild, Xen 4.17 hypervisor: second `mvn install` / cold", "s", 0.03),
                new Figure("noopbefore_fixture", "No-op rebuild before the fix (`-Dxen.upToDateCheck=false`), fixture / cold", "s", null),
                new Figure("noopbefore_xen", "No-op rebuild before the fix (`-Dxen.upToDateCheck=false`), Xen 4.17 / cold", "s", null),
                new Figure("ccache_fixture", "ccache, Xen fixture: `mvn clean install` with a warm cache / cold", "s", 0.3),
                new Figure("ccache_xen", "ccache, Xen 4.17 hypervisor: `mvn clean install` with a warm cache / cold", "s", 0.3),
                new Figure("ccacheraw_xen", "ccache for reference, the raw recipe on Xen 4.17: a fresh tree with the warm cache / cold", "s", null),
                new Figure("cache_hit_bytes", "Fetch, download cache: bytes sent on a hit / on a miss", "bytes", 0.0),
                new Figure("jgit_shallow", "Fetch, JGit shallow clone (the default) / `git clone --depth 1`", "s", 1.5),
                new Figure("jgit_full", "Fetch, JGit full clone / `git clone`", "s", 1.5),
                new Figure("rss_kernel_mib", "Memory, peak RSS of the Maven JVM during a kernel build / 512 MiB", "MiB", 1.0),
                new Figure("lines_logged", "Logging, 1,000,000 lines through the runner into the log / to /dev/null", "s", null),
                new Figure("lines_runner", "Logging, the runner alone (log discarded) / to /dev/null", "s", null));

        static double median(List<Double> v) {
            List<Double> s = new java.util.ArrayList<>(v);
            java.util.Collections.sort(s);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        static String num(double d) {
            if (d == 0) {
                return "0";
            }
            double a = Math.abs(d);
            return a >= 1000 ? String.format("%,.0f", d) : a >= 10 ? String.format("%.1f", d)
                    : a >= 0.1 ? String.format("%.2f", d) : String.format("%.3f", d);
        }

        static void write(Path results, Path machine, Path md, Path svg) throws IOException {
            Map<String, List<double[]>> samples = new java.util.LinkedHashMap<>();
            for (String line : Files.readAllLines(results)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4) {
                    samples.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(new double[] {
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                }
            }
            Map<String, String> m = new java.util.LinkedHashMap<>();
            List<String> skipped = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(machine)) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    if (line.startsWith("skipped ")) {
                        skipped.add(line.substring(sp + 1));
                    } else {
                        m.put(line.substring(0, sp), line.substring(sp + 1));
                    }
                }
            }
            StringBuilder t = new StringBuilder();
            t.append("| figure | median ratio | median A | median B | runs | target | met |\n");
            t.append("|---|---|---|---|---|---|---|\n");
            List<Object[]> bars = new java.util.ArrayList<>();
            for (Figure fig : FIGURES) {
                List<double[]> s = samples.get(fig.key());
                if (s == null) {
                    t.append("| ").append(fig.label()).append(" | skipped | | | 0 | ")
                            .append(fig.target() == null ? "none" : "&le; " + num(fig.target())).append(" | - |\n");
                    continue;
                }
                double r = median(s.stream().map(x -> x[0]).toList());
                double a = median(s.stream().map(x -> x[1]).toList());
                double b = median(s.stream().map(x -> x[2]).toList());
                String met = fig.target() == null ? "-" : r <= fig.target() ? "yes" : "**no**";
                t.append("| ").append(fig.label()).append(" | ").append(num(r)).append(" | ").append(num(a)).append(' ')
                        .append(fig.unit()).append(" | ").append(num(b)).append(' ').append(fig.unit()).append(" | ")
                        .append(s.size()).append(" | ").append(fig.target() == null ? "none" : "&le; " + num(fig.target()))
                        .append(" | ").append(met).append(" |\n");
                bars.add(new Object[] {fig, r});
            }
            StringBuilder out = new StringBuilder();
            out.append("Run of ").append(m.getOrDefault("date", "?")).append(" (").append(m.getOrDefault("mode", "?"))
                    .append(" mode, ").append(m.getOrDefault("reps", "?")).append(" repetitions, medians) on ")
                    .append(m.getOrDefault("cpus", "?")).append(" CPUs (").append(m.getOrDefault("cpu", "?")).append("), ")
                    .append(m.getOrDefault("memory_gib", "?")).append(" GiB of memory, ").append(m.getOrDefault("os", "?"))
                    .append(", ").append(m.getOrDefault("java", "?")).append(", ").append(m.getOrDefault("maven", "?"))
                    .append(".\n\n");
            out.append(t).append('\n');
            for (String k : List.of("path", "git_repo", "kernel", "kernel_build_seconds", "xen_tarball", "linux_tarball")) {
                if (m.containsKey(k)) {
                    out.append("- ").append(k).append(": ").append(m.get(k)).append('\n');
                }
            }
            skipped.forEach(x -> out.append("- skipped ").append(x).append('\n'));
            out.append("\n![Each figure as a ratio, with its target](images/bench-chart.svg)\n");
            Files.writeString(md, out.toString());
            Files.writeString(svg, chart(bars));
        }

        /**
         * Horizontal bars of the measured ratio (A / B) on one log scale, the only meaning of the x axis;
         * each row's target is a black mark on that row, at its own ratio, and the bar is green when
         * the ratio is at or under it, red when over, grey without a target.
         */
        static String chart(List<Object[]> bars) {
            int labelW = 560;
            int plotW = 420;
            int rowH = 26;
            int top = 58;
            int h = top + rowH * bars.size() + 46;
            double min = 0.01;
            double max = 100;
            double lo = Math.log10(min);
            double hi = Math.log10(max);
            java.util.function.DoubleFunction<Double> x = v -> labelW + plotW
                    * (Math.log10(Math.max(Math.min(v, max), min)) - lo) / (hi - lo);
            StringBuilder s = new StringBuilder();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelW + plotW + 130)
                    .append("\" height=\"").append(h).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
            s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            s.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">dom0-build benchmark:"
                    + " each figure as the ratio of its two runs (A / B), log scale</text>\n");
            s.append("<text x=\"10\" y=\"38\">black mark: the row's target, the highest ratio that meets it;"
                    + " bar green: met, red: missed, grey: no target</text>\n");
            for (double tick : new double[] {0.01, 0.1, 1, 10, 100}) {
                double tx = x.apply(tick);
                s.append(String.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", tx, top - 5,
                        tx, h - 36, tick == 1 ? "#888" : "#ddd"));
                s.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", tx, h - 21,
                        tick < 1 ? String.valueOf(tick) : String.valueOf((int) tick)));
            }
            s.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">ratio A / B (1: both runs"
                    + " took as long; under 1: A is faster or smaller)</text>%n", x.apply(1), h - 5));
            int y = top;
            for (Object[] b : bars) {
                Figure f = (Figure) b[0];
                double r = (Double) b[1];
                String color = f.target() == null ? "#999" : r <= f.target() ? "#2a7" : "#d33";
                String text = num(r) + (f.target() == null ? "" : " (target " + num(f.target()) + ")");
                String label = f.label().replace("`", "").replace("&", "&amp;").replace("<", "&lt;");
                s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelW - 8,
                        y + 16, label));
                double x0 = x.apply(min);
                // a ratio of 0 (no bytes sent) has no place on a log scale: no bar, the value in words
                double x1 = r <= 0 ? x0 : x.apply(r);
                s.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x0,
                        y + 4, Math.max(1, x1 - x0), rowH - 8, color));
                if (f.target() != null && f.target() > 0) {
                    double tx = x.apply(f.target());
                    s.append(String.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\""
                            + " stroke-width=\"3\"/>%n", tx, y + 1, tx, y + rowH - 1));
                }
                double tx = Math.max(x1, f.target() == null || f.target() <= 0 ? x0 : x.apply(f.target()));
                s.append(String.format("<text x=\"%.1f\" y=\"%d\">%s</text>%n", tx + 6, y + 16,
                        r <= 0 ? "0 (target 0)" : text));
                y += rowH;
            }
            s.append("</svg>\n");
            return s.toString();
        }
    }
}
