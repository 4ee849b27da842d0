package org.lorasim.ui.replay;

import java.util.ArrayList;
import java.util.List;

/** Rows of a run folder's CSV file (RFC 4180: quoted fields, doubled quotes), header first. */
final class Csv {

    private Csv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean content = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                content = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                content = true;
            } else if (c == '\n' || c == '\r') {
                if (content) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                content = false;
            } else {
                field.append(c);
                content = true;
            }
        }
        if (content) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
