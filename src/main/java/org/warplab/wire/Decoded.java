package org.warplab.wire;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a parser made of some bytes: the value, or why the bytes are not one (a field past the
 * frame's end, a wrong version, a length that does not fit). Parsers never throw on bad bytes.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> { }

    /** @param offset where in the bytes the parser gave up */
    record Malformed<T>(String reason, int offset) implements Decoded<T> { }

    default Optional<T> ok() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    default <U> Decoded<U> then(Function<T, Decoded<U>> next) {
        if (this instanceof Ok<T> ok) {
            return next.apply(ok.value());
        }
        Malformed<T> bad = (Malformed<T>) this;
        return new Malformed<>(bad.reason(), bad.offset());
    }

    /** Runs a parser over a bounded reader: whatever it reads past its bounds becomes a {@link Malformed}. */
    static <T> Decoded<T> read(byte[] bytes, Function<WireReader, T> parser) {
        WireReader in = new WireReader(bytes, 0, bytes.length);
        try {
            return new Ok<>(parser.apply(in));
        } catch (WireReader.MalformedException e) {
            return new Malformed<>(e.getMessage(), e.offset);
        }
    }
}
