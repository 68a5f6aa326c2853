package io.github.dom0build.core.bootloader;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of grub's configuration into words as grub's script reader does for what grub-mkconfig
 * writes: white space separates words, {@code '...'} is literal, {@code "..."} and a backslash escape,
 * so {@code 'Bob'\''s Xen'} is the one word {@code Bob's Xen}. Variables are left as written
 * ({@code $menuentry_id_option}).
 */
final class GrubWords {
    private GrubWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                close = close < 0 ? line.length() : close;
                word.append(line, i + 1, close);
                i = close;
            } else if (c == '"') {
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                        i++;
                    }
                    word.append(line.charAt(i));
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
