package dev.latchkey.cli;

/**
 * Which standard streams are terminals. bin/latchkey tests them with {@code [ -t N ]} and passes the answers as system
 * properties, since Java 17 can only tell whether all of them are; run with {@code java -jar}, that is the fallback.
 */
final class Terminal {
    private Terminal() {
    }

    static boolean stdin() {
        return is("latchkey.tty.stdin");
    }

    static boolean stdout() {
        return is("latchkey.tty.stdout");
    }

    static boolean stderr() {
        return is("latchkey.tty.stderr");
    }

    private static boolean is(String property) {
        String v = System.getProperty(property);
        return v == null ? System.console() != null : v.equals("true");
    }
}
