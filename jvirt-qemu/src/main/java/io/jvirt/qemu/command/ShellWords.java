package io.jvirt.qemu.command;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;

import java.util.ArrayList;
import java.util.List;

/** Splits a shell command line into words: quotes, backslashes and line continuations. */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    cur.append(text.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                if (n != '\n') {
                    cur.append(n);
                    inWord = true;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "unterminated quote in command line");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
