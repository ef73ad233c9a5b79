package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Today is Thursday 12 March 2026 in Berlin. */
class DateFinderTest {

    private final DateFinder finder = new DateFinder(
            Clock.fixed(Instant.parse("2026-03-12T09:00:00Z"), ZoneId.of("Europe/Berlin")));

    private String value(String text) {
        List<EntityMention> found = finder.find(text);
        assertThat(found).as("dates in '%s'", text).hasSize(1);
        return found.get(0).value();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "it arrived today | 2026-03-12",
            "I ordered it yesterday | 2026-03-11",
            "can it come tomorrow | 2026-03-13",
            "the day before yesterday | 2026-03-10",
            "I paid last Tuesday | 2026-03-10",
            "ordered last Thursday | 2026-03-05",
            "I ordered on Monday | 2026-03-09",
            "it came on Thursday | 2026-03-12",
            "deliver next Monday please | 2026-03-16",
            "this Saturday | 2026-03-14",
            "placed on 12 March | 2026-03-12",
            "ordered on the 2nd | 2026-03-02",
            "arrives on the 28th | 2026-02-28",
            "on the 3rd of February | 2026-02-03",
            "placed on the 3rd of February | 2026-02-03",
            "on March 12th | 2026-03-12",
            "since Dec 24 | 2025-12-24",
            "March 12, 2025 | 2025-03-12",
            "order from 2026-03-01 | 2026-03-01",
            "order from 12/03/2026 | 2026-03-12",
            "order from 03/25/2026 | 2026-03-25",
            "order from 1.2.2026 | 2026-02-01",
            "3 days ago | 2026-03-09",
            "two weeks ago | 2026-02-26",
            "a month ago | 2026-02-12",
            "in 2 days | 2026-03-14",
            "next week | 2026-03-16/2026-03-22",
            "last week | 2026-03-02/2026-03-08",
            "this weekend | 2026-03-14/2026-03-15",
            "last month | 2026-02-01/2026-02-28",
    })
    void resolves_against_the_injected_clock(String text, String expected) {
        assertThat(value(text)).isEqualTo(expected);
    }

    @Test
    void mention_covers_the_expression_but_not_the_preposition() {
        EntityMention m = finder.find("I ordered on Monday, still nothing").get(0);
        assertThat(m.text()).isEqualTo("Monday");
        assertThat(m.type()).isEqualTo("date");
        assertThat(m.source()).isEqualTo("rule");
        EntityMention last = finder.find("since last Tuesday").get(0);
        assertThat(last.text()).isEqualTo("last Tuesday");
        assertThat(last.start()).isEqualTo(6);
    }

    @Test
    void finds_nothing_in_numbers_prices_and_impossible_dates() {
        assertThat(finder.find("it costs 3.50 and I want 2 of them")).isEmpty();
        assertThat(finder.find("may I ask something")).isEmpty();
        assertThat(finder.find("31 February")).isEmpty();
        assertThat(finder.find("order 12345678")).isEmpty();
        assertThat(finder.find("")).isEmpty();
    }

    @Test
    void month_first_numeric_dates_when_configured() {
        DateFinder us = new DateFinder(Clock.fixed(Instant.parse("2026-03-12T09:00:00Z"), ZoneId.of("UTC")), false);
        assertThat(us.find("04/05/2026").get(0).value()).isEqualTo("2026-04-05");
    }
}
