package dev.relayj.http2;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * RFC 7541 §2.3.2 and §4: a FIFO of header fields bounded by the sum of their sizes. The newest
 * entry has the lowest index; adding evicts the oldest entries until the new one fits.
 */
final class HpackDynamicTable {
    private final ArrayDeque<HeaderField> entries = new ArrayDeque<>();
    private int size;
    private int maxSize;

    HpackDynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    int length() {
        return entries.size();
    }

    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** @param index 1-based, 1 being the newest entry */
    HeaderField get(int index) {
        Iterator<HeaderField> it = entries.iterator();
        for (int i = 1; i < index; i++) {
            it.next();
        }
        return it.next();
    }

    void add(HeaderField field) {
        int fieldSize = field.size();
        if (fieldSize > maxSize) {
            // §4.4: an entry larger than the table empties it and is not added
            entries.clear();
            size = 0;
            return;
        }
        while (size + fieldSize > maxSize) {
            evictOldest();
        }
        entries.addFirst(field);
        size += fieldSize;
    }

    void setMaxSize(int newMaxSize) {
        maxSize = newMaxSize;
        while (size > maxSize) {
            evictOldest();
        }
    }

    private void evictOldest() {
        size -= entries.removeLast().size();
    }
}
