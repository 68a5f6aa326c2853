package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.kconfig.KconfigTokenizer.Kind;
import io.github.dom0build.core.kconfig.KconfigTokenizer.Token;
import io.github.dom0build.core.log.BuildLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A best-effort reader of the Kconfig language: enough of it to say why a symbol cannot take a value.
 * Defaults are not evaluated, and nothing here fails on syntax it does not understand: such lines are
 * skipped with a debug message, because an incomplete explanation beats no build.
 */
final class KconfigParser {
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*(:=|\\+=|=)(.*)");

    private enum FrameKind { IF, MENU, CHOICE }

    /** An open if, menu or choice block; its conditions apply to everything parsed inside it. */
    private static final class Frame {
        final FrameKind kind;
        final SourceLocation location;
        String title = "";
        final List<KconfigExpr> depends = new ArrayList<>();
        final List<KconfigExpr> visibleIf = new ArrayList<>();
        final KconfigChoice choice;

        Frame(FrameKind kind, SourceLocation location, KconfigChoice choice) {
            this.kind = kind;
            this.location = location;
            this.choice = choice;
        }
    }

    /** Results: definitions by symbol, and select/imply statements by target. */
    record Result(Map<String, List<SymbolDefinition>> definitions, Map<String, List<Selection>> selectors,
            int files) {
    }

    private final Path srctree;
    private final BuildLog log;
    private final MacroExpander macros;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Deque<Path> including = new ArrayDeque<>();
    private final Map<String, List<SymbolDefinition>> definitions = new LinkedHashMap<>();
    private final Map<String, List<Selection>> selectors = new HashMap<>();
    private int files;

    // What attribute lines attach to: a symbol, an open menu/choice frame, or nothing (comment, if, ...).
    private SymbolDefinition currentSymbol;
    private Frame currentFrame;

    KconfigParser(Path srctree, Map<String, String> variables, BuildLog log) {
        this.srctree = srctree.toAbsolutePath().normalize();
        this.log = log;
        this.macros = new MacroExpander(variables);
    }

    Result parse(Path root) throws IOException {
        parseFile(root.toAbsolutePath().normalize());
        return new Result(definitions, selectors, files);
    }

    private void parseFile(Path file) throws IOException {
        if (including.contains(file)) {
            log.warn("Kconfig: " + file + " sources itself (through " + including.peek() + "); skipped");
            return;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // bad bytes become U+FFFD
        String[] lines = lines(text);
        String name = displayName(file);
        int depth = frames.size();
        including.push(file);
        files++;
        try {
            int i = 0;
            while (i < lines.length) {
                int start = i;
                String raw = lines[i++];
                int first = firstNonBlank(raw);
                if (first == raw.length() || raw.charAt(first) == '#') {
                    continue;
                }
                if (mayBeAssignment(raw, first)) {
                    Matcher m = ASSIGNMENT.matcher(raw);
                    if (m.matches()) {
                        macros.assign(m.group(1), m.group(2), m.group(3).strip());
                        continue;
                    }
                }
                String line = code(raw);
                while (endsWithBackslash(line) && i < lines.length) {
                    String head = line.stripTrailing();
                    line = head.substring(0, head.length() - 1) + " " + code(lines[i++]);
                }
                List<Token> tokens = KconfigTokenizer.tokenize(line, false);
                if (!tokens.isEmpty() && statement(line, tokens, new SourceLocation(name, start + 1), file)) {
                    i = HelpText.end(lines, i);
                }
            }
        } finally {
            including.pop();
        }
        if (frames.size() > depth) {
            log.debug("Kconfig: " + name + " leaves " + (frames.size() - depth) + " if/menu/choice block(s) open");
            while (frames.size() > depth) {
                frames.pop();
            }
        }
        currentSymbol = null;
        currentFrame = null;
    }

    // Splitting by hand: a regex split of every file is a measurable share of the load time.
    private static String[] lines(String text) {
        List<String> out = new ArrayList<>(text.length() / 30);
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            out.add(text.substring(start, end));
            start = nl + 1;
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    // Cheap test before the regex: a variable assignment is a word directly followed by =, := or +=.
    private static boolean mayBeAssignment(String s, int i) {
        while (i < s.length() && KconfigTokenizer.isWordChar(s.charAt(i))) {
            i++;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i < s.length() && (s.charAt(i) == '=' || s.startsWith(":=", i) || s.startsWith("+=", i));
    }

    private static String code(String physical) {
        return physical.substring(0, KconfigTokenizer.codeEnd(physical));
    }

    private static boolean endsWithBackslash(String s) {
        int i = s.length() - 1;
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i >= 0 && s.charAt(i) == '\\';
    }

    /** Handles one logical line; returns true when it starts a help block. */
    private boolean statement(String line, List<Token> t, SourceLocation at, Path file) throws IOException {
        String keyword = t.get(0).kind() == Kind.WORD ? t.get(0).text() : "";
        switch (keyword) {
            case "config", "menuconfig" -> startSymbol(t, at, keyword.equals("menuconfig"));
            case "choice" -> {
                Frame f = new Frame(FrameKind.CHOICE, at, new KconfigChoice(at));
                frames.push(f);
                attachTo(f);
            }
            case "menu" -> {
                Frame f = new Frame(FrameKind.MENU, at, null);
                f.title = stringAt(t, 1).orElse("");
                frames.push(f);
                attachTo(f);
            }
            case "if" -> {
                Frame f = new Frame(FrameKind.IF, at, null);
                expression(line, t, 1, t.size(), at).ifPresent(f.depends::add);
                frames.push(f);
                attachTo(null);
            }
            case "endchoice" -> close(FrameKind.CHOICE, at);
            case "endmenu" -> close(FrameKind.MENU, at);
            case "endif" -> close(FrameKind.IF, at);
            case "comment", "mainmenu" -> attachTo(null);
            case "source", "rsource", "osource", "orsource" -> {
                attachTo(null);
                source(keyword, t, at, file);
                attachTo(null);
            }
            case "help", "---help---" -> {
                return true;
            }
            default -> attribute(keyword, line, t, at);
        }
        return false;
    }

    private void attachTo(Frame frame) {
        currentSymbol = null;
        currentFrame = frame;
    }

    private void startSymbol(List<Token> t, SourceLocation at, boolean menuconfig) {
        if (t.size() < 2 || t.get(1).kind() != Kind.WORD) {
            log.debug("Kconfig: " + at + ": config without a name; skipped");
            attachTo(null);
            return;
        }
        String name = t.get(1).text();
        List<Condition> inherited = new ArrayList<>();
        List<String> path = new ArrayList<>();
        KconfigChoice choice = null;
        for (var it = frames.descendingIterator(); it.hasNext(); ) { // outermost first
            Frame f = it.next();
            Condition.Kind kind = switch (f.kind) {
                case IF -> Condition.Kind.IF_BLOCK;
                case MENU -> Condition.Kind.MENU_DEPENDS_ON;
                case CHOICE -> Condition.Kind.CHOICE_DEPENDS_ON;
            };
            String owner = f.kind == FrameKind.CHOICE ? f.choice.prompt() : f.title;
            f.depends.forEach(e -> inherited.add(new Condition(kind, e, owner, f.location)));
            f.visibleIf.forEach(e -> inherited.add(new Condition(Condition.Kind.MENU_VISIBLE_IF, e, owner, f.location)));
            if (f.kind == FrameKind.MENU) {
                path.add("menu \"" + f.title + "\"");
            } else if (f.kind == FrameKind.CHOICE) {
                path.add(f.choice.describe());
                choice = f.choice;
            }
        }
        if (choice != null) {
            choice.addMember(name);
        }
        SymbolDefinition def = new SymbolDefinition(name, at, menuconfig, inherited, path, choice);
        definitions.computeIfAbsent(name, k -> new ArrayList<>(1)).add(def);
        currentSymbol = def;
        currentFrame = null;
    }

    private void close(FrameKind kind, SourceLocation at) {
        attachTo(null);
        if (frames.isEmpty() || frames.peek().kind != kind) {
            log.debug("Kconfig: " + at + ": end" + kind.name().toLowerCase(java.util.Locale.ROOT) + " without a matching block; ignored");
            return;
        }
        frames.pop();
    }

    private void attribute(String keyword, String line, List<Token> t, SourceLocation at) {
        if (keyword.isEmpty() || t.get(0).hasMacro()) {
            return; // a bare $(warning-if,...) line, or stray operators
        }
        switch (keyword) {
            case "bool", "boolean", "tristate", "string", "int", "hex" -> {
                type(keyword.equals("boolean") ? "bool" : keyword);
                if (t.size() > 1 && t.get(1).kind() == Kind.STRING) {
                    prompt(line, t, 1, at);
                }
            }
            case "def_bool" -> type("bool");
            case "def_tristate" -> type("tristate");
            case "prompt" -> prompt(line, t, 1, at);
            case "depends" -> {
                if (t.size() > 2 && t.get(1).isWord("on")) {
                    expression(line, t, 2, t.size(), at).ifPresent(this::dependsOn);
                }
            }
            case "visible" -> {
                if (currentFrame != null && t.size() > 2 && t.get(1).isWord("if")) {
                    expression(line, t, 2, t.size(), at).ifPresent(currentFrame.visibleIf::add);
                }
            }
            case "select", "imply" -> select(keyword, line, t, at);
            case "range" -> range(line, t, at);
            case "optional" -> {
                if (currentFrame != null && currentFrame.choice != null) {
                    currentFrame.choice.markOptional();
                }
            }
            case "default", "option", "modules", "transitional", "allnoconfig_y", "defconfig_list" -> {
                // values and markers that do not limit what a symbol can be
            }
            default -> log.debug("Kconfig: " + at + ": `" + keyword + "` not understood; line skipped");
        }
    }

    private void type(String keyword) {
        if (currentSymbol != null) {
            currentSymbol.type(SymbolType.valueOf(keyword.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    private void prompt(String line, List<Token> t, int at, SourceLocation where) {
        Optional<String> text = stringAt(t, at);
        if (text.isEmpty()) {
            return;
        }
        String shown = macros.expand(text.get()).orElse(text.get());
        Optional<KconfigExpr> cond = condition(line, t, at + 1, where);
        if (currentSymbol != null) {
            currentSymbol.prompt(new Prompt(shown, cond));
        } else if (currentFrame != null && currentFrame.choice != null) {
            currentFrame.choice.prompt(shown);
        }
    }

    private void dependsOn(KconfigExpr e) {
        if (currentSymbol != null) {
            currentSymbol.addDependsOn(new Condition(Condition.Kind.DEPENDS_ON, e, currentSymbol.name(),
                    currentSymbol.location()));
        } else if (currentFrame != null) {
            currentFrame.depends.add(e);
        }
    }

    private void select(String keyword, String line, List<Token> t, SourceLocation at) {
        if (currentSymbol == null || t.size() < 2 || t.get(1).kind() != Kind.WORD) {
            return;
        }
        Selection s = new Selection(keyword.equals("select") ? Selection.Kind.SELECT : Selection.Kind.IMPLY,
                currentSymbol.name(), t.get(1).text(), condition(line, t, 2, at), at);
        currentSymbol.addSelect(s);
        selectors.computeIfAbsent(s.target(), k -> new ArrayList<>(2)).add(s);
    }

    private void range(String line, List<Token> t, SourceLocation at) {
        if (currentSymbol != null && t.size() >= 3 && t.get(1).kind() != Kind.OPERATOR
                && t.get(2).kind() != Kind.OPERATOR) {
            currentSymbol.addRange(new Range(t.get(1).text(), t.get(2).text(), condition(line, t, 3, at), at));
        }
    }

    // The optional "if EXPR" that ends a prompt, select, range or default.
    private Optional<KconfigExpr> condition(String line, List<Token> t, int from, SourceLocation at) {
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isWord("if")) {
                return expression(line, t, i + 1, t.size(), at);
            }
        }
        return Optional.empty();
    }

    private Optional<KconfigExpr> expression(String line, List<Token> t, int from, int to, SourceLocation at) {
        if (from >= to) {
            log.debug("Kconfig: " + at + ": missing expression; condition skipped");
            return Optional.empty();
        }
        String text = line.substring(t.get(from).start(), t.get(to - 1).end());
        try {
            return Optional.of(KconfigExpr.parse(text, macros::expand));
        } catch (IllegalArgumentException e) {
            log.debug("Kconfig: " + at + ": cannot read `" + text + "` (" + e.getMessage() + "); condition skipped");
            return Optional.empty();
        }
    }

    private static Optional<String> stringAt(List<Token> t, int i) {
        return i < t.size() && t.get(i).kind() == Kind.STRING ? Optional.of(t.get(i).text()) : Optional.empty();
    }

    private void source(String keyword, List<Token> t, SourceLocation at, Path file) throws IOException {
        Optional<String> raw = stringAt(t, 1);
        if (raw.isEmpty()) {
            log.debug("Kconfig: " + at + ": " + keyword + " without a quoted path; skipped");
            return;
        }
        Optional<String> path = macros.expand(raw.get()).map(macros::expandLegacyReferences);
        if (path.isEmpty()) {
            log.debug("Kconfig: " + at + ": cannot expand `" + raw.get() + "` here; " + keyword + " skipped");
            return;
        }
        boolean optional = keyword.startsWith("o");
        Path base = keyword.contains("rsource") ? file.getParent() : srctree;
        List<Path> targets = SourcePaths.resolve(base, path.get());
        if (targets.isEmpty() && !optional) {
            log.warn("Kconfig: " + at + ": " + keyword + " \"" + path.get() + "\" matches no file; skipped");
        }
        for (Path target : targets) {
            parseFile(target);
        }
    }

    private String displayName(Path file) {
        return file.startsWith(srctree) ? srctree.relativize(file).toString() : file.toString();
    }

    /** Source paths: plain, or globs (kconfiglib's extension) matched segment by segment, sorted. */
    static final class SourcePaths {
        private SourcePaths() {
        }

        static List<Path> resolve(Path base, String path) throws IOException {
            Path p = Path.of(path);
            Path start = p.isAbsolute() ? p.getRoot() : base;
            if (!hasGlob(path)) {
                Path f = start.resolve(p).normalize();
                return Files.isRegularFile(f) ? List.of(f) : List.of();
            }
            List<Path> current = List.of(start);
            for (Path segment : p) {
                List<Path> next = new ArrayList<>();
                String s = segment.toString();
                for (Path dir : current) {
                    if (!hasGlob(s)) {
                        Path c = dir.resolve(s);
                        if (Files.exists(c)) {
                            next.add(c);
                        }
                    } else if (Files.isDirectory(dir)) {
                        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, s)) {
                            ds.forEach(next::add);
                        }
                    }
                }
                next.sort(null);
                current = next;
            }
            return current.stream().filter(Files::isRegularFile).map(Path::normalize).toList();
        }

        private static boolean hasGlob(String s) {
            return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
        }
    }
}
