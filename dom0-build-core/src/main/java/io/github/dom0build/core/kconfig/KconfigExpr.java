package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.kconfig.KconfigTokenizer.Kind;
import io.github.dom0build.core.kconfig.KconfigTokenizer.Token;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Kconfig expression ({@code depends on}, {@code if}, {@code select ... if}), evaluated the way
 * scripts/kconfig/expr.c does against a finished .config: n=0, m=1, y=2, {@code &&} is min, {@code ||}
 * max, {@code !} 2-x, comparisons yield y or n. Symbols missing from the .config are n.
 *
 * <p>A macro kconfig would run at configuration time, such as {@code $(cc-option,-mfoo)}, cannot be
 * evaluated here; it counts as n and {@link #hasMacros()} says so.
 */
public final class KconfigExpr {
    private sealed interface Node permits Atom, Not, And, Or, Compare {
    }

    /** A symbol, a constant (y/m/n, a quoted string or a number) or an unexpanded macro. */
    private record Atom(String text, AtomKind kind) implements Node {
    }

    private enum AtomKind { SYMBOL, CONSTANT, MACRO }

    private record Not(Node operand) implements Node {
    }

    private record And(Node left, Node right) implements Node {
    }

    private record Or(Node left, Node right) implements Node {
    }

    private record Compare(String operator, Atom left, Atom right) implements Node {
    }

    private final String text;
    private final Node root;

    private KconfigExpr(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses an expression such as {@code (XEN_PV && SWIOTLB_XEN) || NR_CPUS > 64}.
     *
     * @throws IllegalArgumentException when it is not valid Kconfig
     */
    public static KconfigExpr parse(String text) {
        return parse(text, m -> Optional.empty());
    }

    /** As {@link #parse(String)}, expanding macros with {@code expander} where it can. */
    static KconfigExpr parse(String text, Function<String, Optional<String>> expander) {
        List<Token> tokens = KconfigTokenizer.tokenize(text, true);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        Parser p = new Parser(tokens, expander);
        Node root = p.or();
        if (p.pos < tokens.size()) {
            throw new IllegalArgumentException("unexpected `" + tokens.get(p.pos).text() + "` in `" + text.strip() + "`");
        }
        return new KconfigExpr(KconfigTokenizer.text(text, tokens), root);
    }

    /** The expression as written, blanks normalised. */
    public String text() {
        return text;
    }

    /** Whether the expression is just one symbol, whose value then needs no separate mention. */
    public boolean isSymbol() {
        return root instanceof Atom a && a.kind() == AtomKind.SYMBOL;
    }

    /** Whether it contains a configuration-time macro that counts as n here. */
    public boolean hasMacros() {
        return hasMacros(root);
    }

    public Tristate evaluate(KernelConfig config) {
        return eval(root, config);
    }

    /** The symbols it mentions, in order of first appearance. */
    public Set<String> symbols() {
        Set<String> out = new LinkedHashSet<>();
        collect(root, out);
        return Collections.unmodifiableSet(out);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KconfigExpr e && e.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    private static Tristate eval(Node n, KernelConfig c) {
        if (n instanceof Atom a) {
            return Tristate.of(value(a, c));
        } else if (n instanceof Not x) {
            return eval(x.operand(), c).not();
        } else if (n instanceof And x) {
            return eval(x.left(), c).and(eval(x.right(), c));
        } else if (n instanceof Or x) {
            return eval(x.left(), c).or(eval(x.right(), c));
        }
        Compare x = (Compare) n;
        int cmp = compare(value(x.left(), c), value(x.right(), c));
        boolean holds = switch (x.operator()) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
        return holds ? Tristate.Y : Tristate.N;
    }

    // Symbols read from the .config (strings unquoted); macros have no value here.
    private static String value(Atom a, KernelConfig c) {
        return switch (a.kind()) {
            case SYMBOL -> ConfigValues.unquote(c.value(a.text()));
            case CONSTANT -> a.text();
            case MACRO -> "";
        };
    }

    // Tristate letters by rank, numbers by value, anything else as text, as expr.c does.
    private static int compare(String a, String b) {
        if (Tristate.isTristate(a) && Tristate.isTristate(b)) {
            return Tristate.of(a).compareTo(Tristate.of(b));
        }
        Optional<BigInteger> x = ConfigValues.number(a);
        Optional<BigInteger> y = ConfigValues.number(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return a.compareTo(b);
    }

    private static boolean hasMacros(Node n) {
        if (n instanceof Atom a) {
            return a.kind() == AtomKind.MACRO;
        } else if (n instanceof Not x) {
            return hasMacros(x.operand());
        } else if (n instanceof And x) {
            return hasMacros(x.left()) || hasMacros(x.right());
        } else if (n instanceof Or x) {
            return hasMacros(x.left()) || hasMacros(x.right());
        }
        Compare x = (Compare) n;
        return hasMacros(x.left()) || hasMacros(x.right());
    }

    private static void collect(Node n, Set<String> out) {
        if (n instanceof Atom a) {
            if (a.kind() == AtomKind.SYMBOL) {
                out.add(a.text());
            }
        } else if (n instanceof Not x) {
            collect(x.operand(), out);
        } else if (n instanceof And x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (n instanceof Or x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else {
            Compare x = (Compare) n;
            collect(x.left(), out);
            collect(x.right(), out);
        }
    }

    /** Recursive descent with kconfig's precedence: || below && below ! and the comparisons. */
    private static final class Parser {
        private final List<Token> tokens;
        private final Function<String, Optional<String>> expander;
        private int pos;

        Parser(List<Token> tokens, Function<String, Optional<String>> expander) {
            this.tokens = tokens;
            this.expander = expander;
        }

        Node or() {
            Node left = and();
            while (accept("||")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (accept("&&")) {
                left = new And(left, unary());
            }
            return left;
        }

        Node unary() {
            if (accept("!")) {
                return new Not(unary());
            }
            if (accept("(")) {
                Node inner = or();
                if (!accept(")")) {
                    throw new IllegalArgumentException("missing `)`");
                }
                return inner;
            }
            Atom left = atom();
            if (pos < tokens.size() && tokens.get(pos).kind() == Kind.OPERATOR) {
                String op = tokens.get(pos).text();
                if (List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
                    pos++;
                    return new Compare(op, left, atom());
                }
            }
            return left;
        }

        private Atom atom() {
            if (pos >= tokens.size()) {
                throw new IllegalArgumentException("expression ends early");
            }
            Token t = tokens.get(pos);
            if (t.kind() == Kind.OPERATOR) {
                throw new IllegalArgumentException("unexpected `" + t.text() + "`");
            }
            pos++;
            String text = t.text();
            if (t.hasMacro()) {
                Optional<String> expanded = expander.apply(text);
                if (expanded.isEmpty()) {
                    return new Atom(text, AtomKind.MACRO);
                }
                text = expanded.get().strip();
            }
            boolean constant = t.kind() == Kind.STRING || Tristate.isTristate(text)
                    || ConfigValues.number(text).isPresent() || !ConfigValues.isValidName(text);
            return new Atom(text, constant ? AtomKind.CONSTANT : AtomKind.SYMBOL);
        }

        private boolean accept(String op) {
            if (pos < tokens.size() && tokens.get(pos).isOperator(op)) {
                pos++;
                return true;
            }
            return false;
        }
    }
}
