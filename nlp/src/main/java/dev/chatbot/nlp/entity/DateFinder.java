package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in finder of dates (type {@code date}), resolved against today's date from an injectable
 * {@link Clock}. The value is an ISO date ({@code 2026-03-12}) or, for expressions that mean a span, an
 * ISO interval {@code start/end} (both inclusive days: {@code 2026-03-09/2026-03-15}).
 *
 * <p>Understood: {@code today}, {@code yesterday}, {@code tomorrow}, {@code the day before yesterday};
 * weekdays ({@code last Tuesday} is the latest Tuesday before today, {@code next}/{@code coming Tuesday}
 * the first one after today, {@code this Tuesday} the one in the current Monday-to-Sunday week, and a bare
 * or {@code on Monday} the latest Monday up to today, since customers mostly talk about what already
 * happened); {@code 12 March}, {@code 12th of March}, {@code March 12th}, {@code March 12, 2026} (without a
 * year, the occurrence nearest to today); {@code the 2nd} (the nearest 2nd of a month); {@code 2026-03-12}; {@code 12/03/2026} and {@code 12.03.2026}
 * (day first, unless only the other reading is a valid date); {@code 3 days ago},
 * {@code a week ago}, {@code in 2 days}; {@code this/last/next week}, {@code month}, {@code year} and
 * {@code weekend} as intervals.
 */
public final class DateFinder implements EntityFinder {

    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String COUNT = "\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|a couple of|a few";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("a couple of", 2), Map.entry("a few", 3));

    private record Rule(Pattern pattern, Function<Matcher, String> resolve) {
    }

    private final Clock clock;
    private final boolean dayFirst;
    private final List<Rule> rules;

    /** Day-first numeric dates ({@code 12/03/2026} is 12 March). */
    public DateFinder(Clock clock) {
        this(clock, true);
    }

    public DateFinder(Clock clock, boolean dayFirst) {
        this.clock = clock;
        this.dayFirst = dayFirst;
        this.rules = List.of(
                new Rule(p("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b"),
                        m -> iso(date(num(m, 1), num(m, 2), num(m, 3)))),
                new Rule(p("(?<![\\d/.])(\\d{1,2})([/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/.]|\\.\\d)"),
                        m -> numeric(num(m, 1), num(m, 3), year(m.group(4)))),
                new Rule(p("(?<![\\d/.])(\\d{1,2})/(\\d{1,2})(?![\\d/]|\\.\\d)"),
                        m -> numeric(num(m, 1), num(m, 2), null)),
                new Rule(p("\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(" + MONTH + ")\\.?(?:,?\\s+(\\d{4}))?\\b"),
                        m -> dayMonth(num(m, 1), m.group(2), m.group(3))),
                new Rule(p("\\b(" + MONTH + ")\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d:])\\b"),
                        m -> dayMonth(num(m, 2), m.group(1), m.group(3))),
                new Rule(p("\\bthe\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?(?:" + MONTH + ")\\b)"),
                        m -> iso(nearestDay(num(m, 1)))),
                new Rule(p("\\b(?:the\\s+)?day\\s+before\\s+yesterday\\b"), m -> iso(today().minusDays(2))),
                new Rule(p("\\b(?:the\\s+)?day\\s+after\\s+tomorrow\\b"), m -> iso(today().plusDays(2))),
                new Rule(p("\\b(today|tonight|this\\s+morning|this\\s+afternoon|this\\s+evening)\\b"), m -> iso(today())),
                new Rule(p("\\b(yesterday|last\\s+night)\\b"), m -> iso(today().minusDays(1))),
                new Rule(p("\\b(tomorrow)\\b"), m -> iso(today().plusDays(1))),
                new Rule(p("\\b(last|past|this|next|coming)\\s+(" + WEEKDAY + ")\\b"),
                        m -> weekday(m.group(1), m.group(2))),
                new Rule(p("\\b(" + WEEKDAY + ")\\b"), m -> weekday("", m.group(1))),
                new Rule(p("\\b(" + COUNT + ")\\s+(days?|weeks?|months?|years?)\\s+ago\\b"),
                        m -> iso(today().minus(count(m.group(1)), unit(m.group(2))))),
                new Rule(p("\\bin\\s+(" + COUNT + ")\\s+(days?|weeks?)\\b"),
                        m -> iso(today().plus(count(m.group(1)), unit(m.group(2))))),
                new Rule(p("\\b(this|last|past|next|coming)\\s+(week|weekend|month|year)\\b"),
                        m -> period(m.group(1), m.group(2))),
                new Rule(p("\\bthe\\s+weekend\\b"), m -> period("this", "weekend")));
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, FLAGS);
    }

    @Override
    public List<EntityMention> find(String text) {
        List<EntityMention> out = new ArrayList<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                String value;
                try {
                    value = rule.resolve().apply(m);
                } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
                    value = null;
                }
                if (value != null) {
                    out.add(new EntityMention("date", m.group(), m.start(), m.end(), value, "rule", 1.0));
                }
            }
        }
        return Mentions.longestFirst(out);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static Integer year(String y) {
        int v = Integer.parseInt(y);
        return y.length() == 2 ? 2000 + v : v;
    }

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private String numeric(int a, int b, Integer year) {
        int day;
        int month;
        if (a > 12 && b <= 12) {
            day = a;
            month = b;
        } else if (b > 12 && a <= 12) {
            day = b;
            month = a;
        } else if (dayFirst) {
            day = a;
            month = b;
        } else {
            day = b;
            month = a;
        }
        return year != null ? iso(date(year, month, day)) : iso(nearest(month, day));
    }

    private String dayMonth(int day, String monthName, String year) {
        int month = month(monthName);
        return year != null ? iso(date(Integer.parseInt(year), month, day)) : iso(nearest(month, day));
    }

    /** The date with this month and day nearest to today (last year, this year or next year). */
    private LocalDate nearest(int month, int day) {
        LocalDate today = today();
        LocalDate best = null;
        for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
            LocalDate d;
            try {
                d = LocalDate.of(y, month, day);
            } catch (DateTimeException e) {
                continue;
            }
            if (best == null || Math.abs(ChronoUnit.DAYS.between(today, d)) < Math.abs(ChronoUnit.DAYS.between(today, best))) {
                best = d;
            }
        }
        if (best == null) {
            throw new DateTimeException("no such day");
        }
        return best;
    }

    /** The date with this day of the month nearest to today (this month, the previous or the next one). */
    private LocalDate nearestDay(int day) {
        LocalDate today = today();
        LocalDate best = null;
        for (int shift = -1; shift <= 1; shift++) {
            LocalDate month = today.withDayOfMonth(1).plusMonths(shift);
            if (day < 1 || day > month.lengthOfMonth()) {
                continue;
            }
            LocalDate d = month.withDayOfMonth(day);
            if (best == null || Math.abs(ChronoUnit.DAYS.between(today, d)) < Math.abs(ChronoUnit.DAYS.between(today, best))) {
                best = d;
            }
        }
        if (best == null) {
            throw new DateTimeException("no such day");
        }
        return best;
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] prefixes = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < prefixes.length; i++) {
            if (n.startsWith(prefixes[i])) {
                return i + 1;
            }
        }
        throw new DateTimeException("unknown month " + name);
    }

    private String weekday(String modifier, String name) {
        DayOfWeek dow = DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        LocalDate today = today();
        return iso(switch (modifier.toLowerCase(Locale.ROOT)) {
            case "last", "past" -> today.with(TemporalAdjusters.previous(dow));
            case "next", "coming" -> today.with(TemporalAdjusters.next(dow));
            case "this" -> today.with(DayOfWeek.MONDAY).plusDays(dow.getValue() - 1L);
            default -> today.with(TemporalAdjusters.previousOrSame(dow));
        });
    }

    private static int count(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Integer n = NUMBERS.get(w);
        return n != null ? n : Integer.parseInt(w);
    }

    private static ChronoUnit unit(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("day")) {
            return ChronoUnit.DAYS;
        }
        if (w.startsWith("week")) {
            return ChronoUnit.WEEKS;
        }
        return w.startsWith("month") ? ChronoUnit.MONTHS : ChronoUnit.YEARS;
    }

    private String period(String modifier, String unit) {
        String mod = modifier.toLowerCase(Locale.ROOT);
        int shift = switch (mod) {
            case "last", "past" -> -1;
            case "next", "coming" -> 1;
            default -> 0;
        };
        LocalDate today = today();
        LocalDate start;
        LocalDate end;
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "week" -> {
                start = today.with(DayOfWeek.MONDAY).plusWeeks(shift);
                end = start.plusDays(6);
            }
            case "weekend" -> {
                start = today.with(DayOfWeek.MONDAY).plusWeeks(shift).plusDays(5);
                end = start.plusDays(1);
            }
            case "month" -> {
                start = today.withDayOfMonth(1).plusMonths(shift);
                end = start.with(TemporalAdjusters.lastDayOfMonth());
            }
            default -> {
                start = today.withDayOfYear(1).plusYears(shift);
                end = start.with(TemporalAdjusters.lastDayOfYear());
            }
        }
        return start + "/" + end;
    }
}
