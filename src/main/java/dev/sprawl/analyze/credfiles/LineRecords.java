package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits the entries of a section-less file into records, each beginning at an entry whose key is
 * one of the start keys ({@code account} in msmtp, {@code identity} in esmtp); entries before the
 * first start form the defaults record. A record spans from its first entry to the next record.
 */
final class LineRecords {

    record Record(List<Ini.Entry> entries, Span span) {

        Ini.Entry get(String key) {
            Ini.Entry found = null;
            for (Ini.Entry e : entries) {
                if (e.key().equalsIgnoreCase(key)) {
                    found = e;
                }
            }
            return found;
        }

        Ini.Entry first() {
            return entries.get(0);
        }
    }

    private LineRecords() {
    }

    static List<Record> split(List<Ini.Entry> entries, Set<String> startKeys, int end) {
        List<List<Ini.Entry>> groups = new ArrayList<>();
        List<Ini.Entry> current = new ArrayList<>();
        for (Ini.Entry e : entries) {
            if (startKeys.contains(e.lowerKey()) && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(e);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            int start = groups.get(i).get(0).keyOffset();
            int stop = i + 1 < groups.size() ? groups.get(i + 1).get(0).keyOffset() : end;
            out.add(new Record(groups.get(i), new Span(start, Math.max(start, stop))));
        }
        return out;
    }
}
