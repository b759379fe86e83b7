package org.warplab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.warplab.model.Keyed;
import org.warplab.model.SchemeKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values are read. A message that starts with "takes" gets the option's name in front
 * ("--seed takes a whole number, got 'x'"); see {@link Cli#usageMessage}.
 */
final class Converters {
    private Converters() {
    }

    static Long wholeNumber(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("takes a whole number, got '" + text + "'");
        }
    }

    /** A value written as its key ("vlan"): "takes vlan or vxlan, got 'x'" when it is none of them. */
    static <E extends Enum<E> & Keyed> ITypeConverter<E> keyed(Class<E> type) {
        return value -> Keyed.byKey(type, value).orElseThrow(() -> {
            List<String> keys = Arrays.stream(type.getEnumConstants()).map(Keyed::key).toList();
            String choices = keys.size() == 1 ? keys.get(0)
                    : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
            return new TypeConversionException("takes " + choices + ", got '" + value + "'");
        });
    }

    static SchemeKind scheme(String key) {
        return Arrays.stream(SchemeKind.values()).filter(k -> k.key().equals(key)).findFirst().orElseThrow(() ->
                new TypeConversionException("unknown scheme '" + key + "'; choose one of " + String.join(", ", SchemeKeys.all())));
    }

    /** The scheme keys, for help and shell completion. */
    static final class SchemeKeys implements Iterable<String> {
        static List<String> all() {
            return Arrays.stream(SchemeKind.values()).map(SchemeKind::key).toList();
        }

        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(all()).iterator();
        }
    }
}
