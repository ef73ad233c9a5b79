package dev.chatbot.nlp.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses {@code --name value} options (also {@code --name=value}); unknown or repeated options are errors. */
final class Arguments {

    private final Map<String, String> values = new LinkedHashMap<>();

    Arguments(List<String> args, Set<String> allowed) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() < 3) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (values.put(name, value) != null) {
                throw new UsageException("option --" + name + " is given twice");
            }
            if (value.isBlank()) {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing option --" + name);
        }
        return v;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
