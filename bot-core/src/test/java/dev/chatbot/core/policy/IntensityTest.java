package dev.chatbot.core.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntensityTest {

    @Test
    void calm_complaints_have_no_cues() {
        assertThat(Intensity.cues("still waiting... why is this taking so long?")).isZero();
        assertThat(Intensity.cues("I'm a bit disappointed, order A1B2C3 is late")).isZero();
    }

    @Test
    void exclamations_shouting_and_strong_words_each_count_once() {
        assertThat(Intensity.cues("where is it!!")).isEqualTo(1);
        assertThat(Intensity.cues("WHERE IS MY PARCEL")).isEqualTo(1);
        assertThat(Intensity.cues("this is a joke")).isEqualTo(1);
        assertThat(Intensity.cues("THIS IS THE WORST SERVICE EVER!!!")).isEqualTo(3);
    }

    @Test
    void order_numbers_in_capitals_are_not_shouting() {
        assertThat(Intensity.cues("orders K7P2Q9 and A1B2C3")).isZero();
    }

    @Test
    void worsening_needs_a_rise_that_never_falls_back_and_ends_high() {
        assertThat(EscalationPolicy.worsening(List.of(0.05, 0.69, 0.70), 3, 0.6)).isTrue();
        assertThat(EscalationPolicy.worsening(List.of(0.05, 0.9, 0.7), 3, 0.6)).isFalse();
        assertThat(EscalationPolicy.worsening(List.of(0.61, 0.65, 0.7), 3, 0.6)).as("rise under 0.2").isFalse();
        assertThat(EscalationPolicy.worsening(List.of(0.1, 0.3, 0.5), 3, 0.6)).as("ends below the floor").isFalse();
        assertThat(EscalationPolicy.worsening(List.of(0.1, 0.9), 3, 0.6)).as("too few messages").isFalse();
    }
}
