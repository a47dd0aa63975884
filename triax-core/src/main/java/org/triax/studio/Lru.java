package org.triax.studio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A small thread-safe least-recently-used cache; evicted values go to {@code onEvict}. */
final class Lru<K, V> {
    private final Map<K, V> map;

    Lru(int capacity) {
        this(capacity, v -> { });
    }

    Lru(int capacity, Consumer<V> onEvict) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > capacity) {
                    onEvict.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized java.util.List<V> values() {
        return java.util.List.copyOf(map.values());
    }

    synchronized void clear() {
        map.clear();
    }
}
