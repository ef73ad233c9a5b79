package dev.chatbot.nlp.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntityMarksTest {

    @Test
    void turns_marks_into_plain_text_and_offsets() {
        EntityMarks.Parsed p = EntityMarks.parse("where is [A1B2C3](order_id) sent to [bob@x.org](email)?");
        assertThat(p.error()).isEmpty();
        assertThat(p.text()).isEqualTo("where is A1B2C3 sent to bob@x.org?");
        assertThat(p.spans()).containsExactly(new EntitySpan("order_id", 9, 15), new EntitySpan("email", 24, 33));
        assertThat(p.spans().get(1).coveredText(p.text())).isEqualTo("bob@x.org");
    }

    @Test
    void span_excludes_whitespace_inside_the_brackets() {
        EntityMarks.Parsed p = EntityMarks.parse("at [ ten am ](time)");
        assertThat(p.spans()).containsExactly(new EntitySpan("time", 4, 10));
        assertThat(p.spans().get(0).coveredText(p.text())).isEqualTo("ten am");
    }

    @Test
    void escaped_brackets_are_literal() {
        EntityMarks.Parsed p = EntityMarks.parse("press \\[ok\\] now");
        assertThat(p.error()).isEmpty();
        assertThat(p.text()).isEqualTo("press [ok] now");
        assertThat(p.spans()).isEmpty();
    }

    @Test
    void reports_unclosed_mark_with_column() {
        assertThat(EntityMarks.parse("order [A1B2 please").error()).hasValueSatisfying(
                m -> assertThat(m).contains("column 7").contains("not closed"));
    }

    @Test
    void reports_mark_without_type() {
        assertThat(EntityMarks.parse("order [A1B2] please").error()).hasValueSatisfying(
                m -> assertThat(m).contains("(entity_type)"));
        assertThat(EntityMarks.parse("order [A1B2](order_id please").error()).isPresent();
        assertThat(EntityMarks.parse("order [A1B2]() please").error()).isPresent();
        assertThat(EntityMarks.parse("order [](order_id) please").error()).isPresent();
    }

    @Test
    void reports_stray_closing_bracket_and_nesting() {
        assertThat(EntityMarks.parse("a ] b").error()).isPresent();
        assertThat(EntityMarks.parse("a [b [c](x)](y)").error()).isPresent();
    }

    @Test
    void format_is_the_inverse_of_parse() {
        String raw = "ship [2 boxes](quantity) to [Paris](city) \\[asap\\]";
        EntityMarks.Parsed p = EntityMarks.parse(raw);
        assertThat(EntityMarks.format(p.text(), p.spans())).isEqualTo(raw);
        assertThat(EntityMarks.format("plain", List.of())).isEqualTo("plain");
    }
}
