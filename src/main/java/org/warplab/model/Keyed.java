package org.warplab.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum that the file format writes as a short lowercase word. */
public interface Keyed {
    String key();

    static <E extends Enum<E> & Keyed> Optional<E> byKey(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.key().equals(key)).findFirst();
    }

    /** "rarp, garp" — for messages that list what is allowed. */
    static <E extends Enum<E> & Keyed> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", "));
    }
}
